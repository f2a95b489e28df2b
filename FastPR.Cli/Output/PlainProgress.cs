using System.Globalization;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// Progress of a run on a stderr that is not a terminal (a log file, a Slurm job): once the first second has been measured, one line
/// with the estimated wall time; then a line with t, steps/s and the ETA at most every <see cref="LineInterval"/>. Rates are averages
/// since the first report, so set-up time does not skew them. Thread-safe (ensemble members report from their threads).
/// </summary>
internal sealed class PlainProgress(TextWriter error, double horizon, Func<TimeSpan> clock) : IProgress<SimulationProgress>
{
    /// <summary>Running time measured before the estimate is printed.</summary>
    public static readonly TimeSpan EstimateAfter = TimeSpan.FromSeconds(1);

    /// <summary>Shortest time between two progress lines.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private TimeSpan _start, _lastLine;
    private SimulationProgress _first;
    private bool _started, _estimated;

    public void Report(SimulationProgress value)
    {
        lock (_lock)
        {
            var now = clock();
            if (!_started)
            {
                (_started, _start, _first) = (true, now, value);
                return;
            }
            double elapsed = (now - _start).TotalSeconds, done = value.Fraction - _first.Fraction;
            if (value.Fraction >= 1 || done <= 0 || elapsed <= 0) return;
            double remaining = elapsed * (1 - value.Fraction) / done;
            double rate = (value.Steps - _first.Steps) / elapsed;
            string unit = value.Leaps ? "leaps/s" : "steps/s";
            if (!_estimated)
            {
                if (now - _start < EstimateAfter) return;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"fastpr: estimated wall time {Duration(elapsed + remaining)} ({rate:G3} {unit} over the first {Duration(elapsed)})"));
                (_estimated, _lastLine) = (true, now);
            }
            else if (now - _lastLine >= LineInterval)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"fastpr: t = {value.Time:G4} of {horizon:G4} ({100 * value.Fraction:F1}%), {rate:G3} {unit}, ETA {Duration(remaining)}"));
                _lastLine = now;
            }
        }
    }

    /// <summary>"45 s", "12 min 05 s", "3 h 07 min", "2 d 04 h".</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds)) return "unknown";
        long s = (long)Math.Round(Math.Max(seconds, 0));
        return s switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{s} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{s / 60} min {s % 60:00} s"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{s / 3600} h {s % 3600 / 60:00} min"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{s / 86400} d {s % 86400 / 3600:00} h"),
        };
    }
}
