using System.Reflection;
using System.Runtime.InteropServices;
using FastPR.Native;

namespace FastPR.Core;

/// <summary>
/// Versions, machine and MKL status for summaries. The machine part is collected once per process; MKL's part says what this
/// process has done with MKL when it is asked: a process loads MKL only when something calls it (the VSL source), so a run that
/// never does reports it not probed rather than paying its load (about 20 ms of CPU) to describe a library it did not use.
/// </summary>
public static class EnvironmentReport
{
    private static readonly Lazy<SummaryEnvironment> Machine = new(Collect);
    private static readonly Lazy<SummaryMkl> Probed = new(LoadMkl);
    private static volatile Task? s_mklLoad;

    /// <summary>The environment of this process, with MKL as loaded (or not) so far; waits for a load <see cref="LoadMklInBackground"/> started.</summary>
    public static SummaryEnvironment Get()
    {
        s_mklLoad?.Wait();
        return Machine.Value with { Mkl = MklLibrary.LoadAttempted ? Probed.Value : SummaryMkl.NotProbed };
    }

    /// <summary>
    /// Starts collecting the machine's part on a thread of its own, so that it overlaps the parsing of the command line;
    /// <see cref="Get"/> then finds it done or waits for it. Not a pool thread: a pool of one worker per core would queue a run's
    /// prediction or plot behind it.
    /// </summary>
    public static void CollectInBackground() =>
        Task.Factory.StartNew(() => Machine.Value, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// For a run that will call MKL: loads it on a thread of its own now, beside the rest of the start (a failure surfaces where the
    /// run calls MKL, and in <see cref="Get"/> as <see cref="SummaryMkl.Error"/>).
    /// </summary>
    public static void LoadMklInBackground() =>
        s_mklLoad ??= Task.Factory.StartNew(() => Probed.Value, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>FastPR's informational version (e.g. "0.1.0+commit"), the same for Core, the CLI and libfastpr built together.</summary>
    public static string FastprVersion =>
        typeof(EnvironmentReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EnvironmentReport).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static SummaryEnvironment Collect() =>
        new(FastprVersion, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, CpuInfo.Model, CpuInfo.Vendor,
            CpuInfo.Isa, Environment.ProcessorCount, SummaryMkl.NotProbed);

    private static SummaryMkl LoadMkl()
    {
        try
        {
            MklLibrary.EnsureLoaded();
            MklStartupReport startup = MklService.Startup;
            return new SummaryMkl(true, true, MklService.Version, MklService.CodePath, startup.Dispatch.ToString(), MklService.GetCbwr().ToString(),
                startup.CnrNote, MklLibrary.LoadedPath, null);
        }
        catch (Exception ex) when (ex is MklNotFoundException or MklException)
        {
            return new SummaryMkl(true, false, null, null, null, null, null, null, ExceptionText.OneLine(ex.Message));
        }
    }
}
