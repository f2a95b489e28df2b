using System.Runtime.InteropServices;
using FastPR.Native;

namespace FastPR.Cli;

/// <summary>`fastpr info`: what MKL, runtime and machine this process runs on, for bug reports and benchmark logs.</summary>
internal static class InfoReport
{
    /// <summary>Exit code when MKL cannot be loaded or configured.</summary>
    public const int MklUnavailable = 4;

    public static int Write(TextWriter stdout, TextWriter stderr)
    {
        // Nothing on stdout unless the whole report can be written.
        try
        {
            MklLibrary.EnsureLoaded();
        }
        catch (Exception ex) when (ex is MklNotFoundException or MklException)
        {
            stderr.WriteLine(ex.Message);
            return MklUnavailable;
        }

        Line(stdout, "CPU", CpuInfo.Model);
        Line(stdout, "CPU vendor", $"{CpuInfo.Vendor} (family {CpuInfo.FamilyModel.Family}, model {CpuInfo.FamilyModel.Model})");
        Line(stdout, "CPU ISA", $"{CpuInfo.Isa}{(CpuInfo.Vector512Accelerated ? "; Vector512 accelerated" : "")}");
        Line(stdout, "Logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(stdout, ".NET", RuntimeInformation.FrameworkDescription);
        Line(stdout, "OS", RuntimeInformation.OSDescription);
        MklStartupReport startup = MklService.Startup;
        Line(stdout, "MKL version", MklService.Version);
        Line(stdout, "MKL code path", MklService.CodePath);
        Line(stdout, "MKL kernels", $"{startup.Dispatch}: {startup.DispatchNote}");
        Line(stdout, "MKL CNR mode", $"{MklService.GetCbwr()} (auto branch {MklService.AutoBranch}); {startup.CnrNote}");
        Line(stdout, "Threading layer", MklService.ThreadingLayer);
        Line(stdout, "Max threads", MklService.MaxThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(stdout, "Library path", MklLibrary.LoadedPath ?? "(unknown)");
        return 0;
    }

    private static void Line(TextWriter writer, string label, string value) => writer.WriteLine($"{label,-16} {value}");
}
