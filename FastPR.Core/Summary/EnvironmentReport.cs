using System.Reflection;
using System.Runtime.InteropServices;
using FastPR.Native;

namespace FastPR.Core;

/// <summary>Versions, machine and MKL status for summaries, collected once per process.</summary>
public static class EnvironmentReport
{
    private static readonly Lazy<SummaryEnvironment> Current = new(Collect);

    /// <summary>The environment of this process.</summary>
    public static SummaryEnvironment Get() => Current.Value;

    /// <summary>
    /// Starts collecting the environment on a thread of its own, so that loading MKL (about 20 ms of CPU) overlaps the parsing of
    /// the command line; <see cref="Get"/> then finds it done or waits for it. Not a pool thread: a pool of one worker per core
    /// would queue a run's prediction or plot behind the load.
    /// </summary>
    public static void CollectInBackground() =>
        Task.Factory.StartNew(() => Current.Value, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>FastPR's informational version (e.g. "0.1.0+commit"), the same for Core, the CLI and libfastpr built together.</summary>
    public static string FastprVersion =>
        typeof(EnvironmentReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EnvironmentReport).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static SummaryEnvironment Collect() =>
        new(FastprVersion, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, CpuInfo.Model, CpuInfo.Vendor,
            CpuInfo.Isa, Environment.ProcessorCount, Mkl());

    private static SummaryMkl Mkl()
    {
        try
        {
            MklLibrary.EnsureLoaded();
            MklStartupReport startup = MklService.Startup;
            return new SummaryMkl(true, MklService.Version, MklService.CodePath, startup.Dispatch.ToString(), MklService.GetCbwr().ToString(),
                startup.CnrNote, MklLibrary.LoadedPath, null);
        }
        catch (Exception ex) when (ex is MklNotFoundException or MklException)
        {
            return new SummaryMkl(false, null, null, null, null, null, null, ExceptionText.OneLine(ex.Message));
        }
    }
}
