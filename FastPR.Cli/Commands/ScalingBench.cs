using System.Diagnostics;
using FastPR.Core;

namespace FastPR.Cli.Commands;

/// <summary>
/// How an ensemble's and a sweep's throughput grow with threads, for <c>fastpr bench</c>: the default problem (d = 1000, a = 2,
/// B = 1, engine and source auto), an 8-member ensemble through <see cref="Simulator"/> at 1, 2, … all threads, and a sweep of
/// short points run as the sweep runs them (one point per thread, predictions off and then on, no files), with the efficiency against linear
/// (throughput at t threads ÷ t × one thread's). Then what the ensemble's shared state costs at all threads: progress reports
/// through one shared counter, and checkpoint coordination saving every 50 ms (to a writer that discards it).
/// </summary>
internal static class ScalingBench
{
    /// <summary>Members of the measured ensemble.</summary>
    public const int Members = 8;

    /// <summary>One measured configuration: steps (ensemble) or points (sweep) per second, and the efficiency against linear.</summary>
    internal sealed record ScalingRow(string Workload, int Threads, double PerSecond, double? Efficiency, double? RatioToBare = null);

    /// <summary>All rows; <paramref name="seconds"/> is the budget of the one-thread ensemble (the others take about as long or less).</summary>
    public static List<ScalingRow> Measure(double seconds, CancellationToken cancellation)
    {
        int cores = Environment.ProcessorCount;
        var problem = new ProblemSpec(1000, 2.0);
        // Steps per member so that one thread's ensemble takes about the budget (from a quick single-member run).
        var probe = Simulator.Run(Spec(problem, 2000, 1, 1, predictions: false));
        long steps = Math.Max(2000, (long)(seconds * probe.Timing.StepsPerSecond / Members));
        var rows = new List<ScalingRow>();
        double one = 0;
        for (int t = 1; t <= cores && !cancellation.IsCancellationRequested; t++)
        {
            double perSecond = EnsembleRate(Spec(problem, steps, Members, t, predictions: false), null, null);
            if (t == 1) one = perSecond;
            rows.Add(new ScalingRow("ensemble of 8 (steps/s)", t, perSecond, perSecond / (t * one)));
        }
        if (!cancellation.IsCancellationRequested)
        {
            var spec = Spec(problem, steps, Members, cores, predictions: false);
            double bare = EnsembleRate(spec, null, null);
            double reported = EnsembleRate(spec, new Ignore<SimulationProgress>(), null);
            double saved = EnsembleRate(spec, new Ignore<SimulationProgress>(), new CheckpointOptions { Every = TimeSpan.FromMilliseconds(50), Write = _ => { } });
            rows.Add(new ScalingRow("ensemble of 8, no progress, no checkpoints", cores, bare, null, 1));
            rows.Add(new ScalingRow("ensemble of 8 + progress", cores, reported, null, reported / bare));
            rows.Add(new ScalingRow("ensemble of 8 + progress + checkpoints every 50 ms", cores, saved, null, saved / bare));
        }
        // A sweep of 4·cores points, each a quarter of a member's steps, one seed, as a sweep runs them: first with predictions off,
        // so a point is one thread; then on, where a point's prediction runs beside its steps whenever a core is free, so one point
        // at a time already uses two cores and its efficiency against one thread says how much of that overlap more points keep.
        int points = 4 * cores;
        foreach (bool predictions in new[] { false, true })
        {
            double onePoint = 0;
            for (int t = 1; t <= cores && !cancellation.IsCancellationRequested; t++)
            {
                var clock = Stopwatch.StartNew();
                Parallel.For(0, points, new ParallelOptions { MaxDegreeOfParallelism = t, CancellationToken = cancellation },
                    p => Simulator.Run(Spec(problem, steps / 4, 1, 1, predictions) with { Seed = (ulong)p }, null, cancellation));
                double perSecond = points / clock.Elapsed.TotalSeconds;
                if (t == 1) onePoint = perSecond;
                string label = predictions ? $"sweep of {points} points, predictions beside (points/s)" : $"sweep of {points} points, no predictions (points/s)";
                rows.Add(new ScalingRow(label, t, perSecond, perSecond / (t * onePoint)));
            }
        }
        return rows;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), which say how far other processes shared the cores.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static SimulationSpec Spec(ProblemSpec problem, long steps, int seeds, int threads, bool predictions) => new()
    {
        Problem = problem,
        Steps = steps,
        Seeds = seeds,
        Threads = threads,
        Predictions = predictions,
    };

    // Steps over all members per second of the ensemble's own wall time (set-up and analysis excluded).
    private static double EnsembleRate(SimulationSpec spec, IProgress<SimulationProgress>? progress, CheckpointOptions? checkpoints)
    {
        var result = Simulator.Run(spec, progress, default, checkpoints);
        return result.Timing.StepsPerSecond;
    }

    private sealed class Ignore<T> : IProgress<T>
    {
        public void Report(T value)
        {
        }
    }
}
