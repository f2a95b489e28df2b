using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPR.Cli.Sweep;

/// <summary>The cluster's settings that shape a job script, read with <c>scontrol show config</c> where Slurm is installed.</summary>
internal static partial class SlurmConfig
{
    /// <summary>Slurm's default MaxArraySize: array indices 0…1000.</summary>
    public const int DefaultMaxArraySize = 1001;

    /// <summary>
    /// MaxArraySize from <c>scontrol show config</c> (array indices must stay below it), or null when scontrol is missing, fails,
    /// or takes longer than a few seconds.
    /// </summary>
    public static int? MaxArraySize()
    {
        try
        {
            var start = new ProcessStartInfo("scontrol", ["show", "config"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? MaxArraySize(output.GetAwaiter().GetResult()) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no scontrol on PATH
        }
    }

    /// <summary>MaxArraySize from the text of <c>scontrol show config</c>, or null when it has no such line.</summary>
    public static int? MaxArraySize(string config) =>
        MaxArraySizeLine().Match(config) is { Success: true } match &&
        int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int size) ? size : null;

    [GeneratedRegex(@"^MaxArraySize\s*=\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MaxArraySizeLine();
}
