using System.Globalization;
using System.Text.RegularExpressions;

namespace FastPR.Cli.Sweep;

/// <summary>
/// Slurm's time-limit spellings (sbatch --time): "minutes", "minutes:seconds", "hours:minutes:seconds", "days-hours",
/// "days-hours:minutes" and "days-hours:minutes:seconds".
/// </summary>
internal static partial class SlurmTime
{
    /// <summary>Parses a time limit of at least a minute; throws <see cref="UsageException"/> for --time-limit otherwise.</summary>
    public static TimeSpan Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
            throw new UsageException("time-limit", $"'{text}' is not a Slurm time limit (minutes, mm:ss, hh:mm:ss, d-hh, d-hh:mm or d-hh:mm:ss).");
        long N(string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        if (N("b") >= 60 || N("c") >= 60 || N("dh") >= 24 || N("dm") >= 60 || N("ds") >= 60)
            throw new UsageException("time-limit", $"'{text}' is not a Slurm time limit: hours go up to 23 after days, minutes and seconds up to 59.");
        TimeSpan limit;
        if (match.Groups["days"].Success)
        {
            limit = new TimeSpan((int)N("days"), (int)N("dh"), (int)N("dm"), (int)N("ds"));
        }
        else
        {
            long a = N("a"), b = N("b"), c = N("c");
            long seconds = !match.Groups["b"].Success ? a * 60 : !match.Groups["c"].Success ? a * 60 + b : a * 3600 + b * 60 + c;
            limit = TimeSpan.FromSeconds(seconds);
        }
        if (limit < TimeSpan.FromMinutes(1))
            throw new UsageException("time-limit", $"'{text}' is shorter than a minute; Slurm counts time limits in whole minutes.");
        return limit;
    }

    /// <summary>
    /// Seconds before the time limit at which the task is signalled: a tenth of the limit, at least 10 s, at most 5 minutes, so
    /// that the points have time to save their checkpoints and the task has time to work.
    /// </summary>
    public static int SignalMargin(TimeSpan limit) => (int)Math.Clamp(limit.TotalSeconds / 10, 10, 300);

    [GeneratedRegex(@"^(?:(?<days>\d{1,5})-(?<dh>\d{1,2})(?::(?<dm>\d{1,2})(?::(?<ds>\d{1,2}))?)?|(?<a>\d{1,7})(?::(?<b>\d{1,2})(?::(?<c>\d{1,2}))?)?)$")]
    private static partial Regex Pattern();
}
