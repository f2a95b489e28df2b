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
        try
        {
            MklLibrary.EnsureLoaded();
            Line(stdout, "MKL version", MklService.Version);
            Line(stdout, "MKL code path", MklService.CodePath);
            Line(stdout, "MKL CNR mode", $"{MklService.GetCbwr()} (auto branch {MklService.AutoBranch})");
            Line(stdout, "Threading layer", MklService.ThreadingLayer);
            Line(stdout, "Max threads", MklService.MaxThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Line(stdout, "Library path", MklLibrary.LoadedPath ?? "(unknown)");
        }
        catch (Exception ex) when (ex is MklNotFoundException or MklException)
        {
            stderr.WriteLine(ex.Message);
            return MklUnavailable;
        }

        Line(stdout, ".NET", RuntimeInformation.FrameworkDescription);
        Line(stdout, "OS", RuntimeInformation.OSDescription);
        Line(stdout, "CPU", CpuModel());
        Line(stdout, "Logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }

    private static void Line(TextWriter writer, string label, string value) => writer.WriteLine($"{label,-16} {value}");

    internal static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        try
        {
            if (File.Exists(cpuinfo))
            {
                foreach (string line in File.ReadLines(cpuinfo))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is int colon and >= 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the architecture: the model name is a courtesy.
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
