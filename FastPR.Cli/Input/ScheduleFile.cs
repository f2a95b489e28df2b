using System.Globalization;
using FastPR.Core;

namespace FastPR.Cli.Input;

/// <summary>
/// Reads a schedule file for <c>--schedule file:PATH[:linear]</c> (docs/MODEL.md §3.9): one (t, η) pair a line, separated by a comma,
/// blanks or a tab, # comments and blank lines skipped; piecewise constant unless :linear. The pairs become the schedule's inline text,
/// so checkpoints and summaries hold the values and a resume needs no file. Errors are one line and name the file.
/// </summary>
internal static class ScheduleFile
{
    private const string Prefix = "file:";

    /// <summary><paramref name="value"/> itself, or for file:PATH[:linear|:constant] the canonical text of the file's pairs.</summary>
    /// <exception cref="UsageException">Missing, unreadable or malformed file, or pairs that are not a schedule.</exception>
    public static string Resolve(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return value;
        var (path, mode) = Split(value);
        bool linear = mode.Equals(":linear", StringComparison.OrdinalIgnoreCase);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException("schedule", $"cannot read '{path}': {ex.Message}");
        }
        var times = new List<double>();
        var etas = new List<double>();
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            string[] parts = line.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double t)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double eta))
                throw new UsageException("schedule", $"'{path}' line {n + 1} is not a pair 't, η': '{lines[n].Trim()}'.");
            times.Add(t);
            etas.Add(eta);
        }
        if (times.Count == 0) throw new UsageException("schedule", $"'{path}' holds no (t, η) pairs.");
        try
        {
            return LearningRateSchedule.FromPairs(times, etas, linear).Text;
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("schedule", $"'{path}': {ExceptionText.WithoutParameterSuffix(ex)}");
        }
    }

    /// <summary>
    /// <paramref name="value"/> itself, or file:PATH[:linear|:constant] with PATH made absolute, for a job script whose working
    /// directory is not this one.
    /// </summary>
    public static string WithFullPath(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return value;
        var (path, mode) = Split(value);
        return Prefix + Path.GetFullPath(path) + mode;
    }

    // file:PATH[:linear|:constant] as PATH and the mode suffix with its colon ("" when none).
    private static (string Path, string Mode) Split(string value)
    {
        string path = value[Prefix.Length..];
        foreach (string mode in new[] { ":linear", ":constant" })
        {
            if (path.EndsWith(mode, StringComparison.OrdinalIgnoreCase)) return (path[..^mode.Length], path[^mode.Length..]);
        }
        return (path, "");
    }
}
