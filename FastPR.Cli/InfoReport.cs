using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastPR.Core;
using FastPR.Native;

namespace FastPR.Cli;

/// <summary>
/// `fastpr info`: what machine, runtime, managed vector paths and MKL this process runs on, for bug reports and benchmark logs.
/// Without MKL the machine part is still printed (the managed engines need no MKL), then the loader's message on stderr and exit 4.
/// </summary>
internal static class InfoReport
{
    /// <summary>Exit code when MKL cannot be loaded or configured.</summary>
    public const int MklUnavailable = 4;

    public static int Write(TextWriter stdout, TextWriter stderr)
    {
        Line(stdout, "Platform", $"{RuntimeInformation.RuntimeIdentifier} ({RuntimeInformation.OSArchitecture})");
        Line(stdout, "CPU", CpuInfo.Model);
        Line(stdout, "CPU vendor", $"{CpuInfo.Vendor} (family {CpuInfo.FamilyModel.Family}, model {CpuInfo.FamilyModel.Model})");
        Line(stdout, "CPU ISA", $"{CpuInfo.Isa}{(CpuInfo.Vector512Accelerated ? "; Vector512 accelerated" : "")}");
        Line(stdout, "Vector widths", VectorWidths());
        Line(stdout, "Managed paths", ManagedPaths());
        Line(stdout, "Logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(stdout, ".NET", RuntimeInformation.FrameworkDescription);
        Line(stdout, "OS", RuntimeInformation.OSDescription);
        try
        {
            MklLibrary.EnsureLoaded();
        }
        catch (Exception ex) when (ex is MklNotFoundException or MklException)
        {
            Line(stdout, "MKL", "unavailable: the managed engines and Gaussian sources run (details on stderr)");
            stderr.WriteLine(ex.Message);
            return MklUnavailable;
        }

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

    private static string VectorWidths() =>
        $"Vector128 {Accelerated(Vector128.IsHardwareAccelerated)}, Vector256 {Accelerated(Vector256.IsHardwareAccelerated)}, " +
        $"Vector512 {Accelerated(Vector512.IsHardwareAccelerated)}";

    private static string Accelerated(bool accelerated) => accelerated ? "accelerated" : "emulated";

    // The paths the managed sources and the leap pass take here; every one gives the same bits (docs/MODEL.md, "Determinism").
    private static string ManagedPaths() =>
        $"ziggurat {ZigguratGaussianSource.VectorPath}, Philox {SimdGaussianSource.VectorPath}, " +
        $"explicit/projected sweeps {SweepKernels.VectorPath}, flow/GD leap vector256 ({Accelerated(Vector256.IsHardwareAccelerated)})";

    private static void Line(TextWriter writer, string label, string value) => writer.WriteLine($"{label,-16} {value}");
}
