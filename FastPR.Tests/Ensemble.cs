using FastPR.Core;

namespace FastPR.Tests;

/// <summary>
/// Runs independent ensemble members in parallel. Member m gets its own engine (and so its own stream) and writes only
/// its own row, so results do not depend on thread count or scheduling.
/// </summary>
internal static class Ensemble
{
    /// <summary>Snapshots [member, checkpoint] after the given (increasing) step counts, all from the problem's w(0).</summary>
    public static Snapshot[,] Run(Problem problem, int members, IReadOnlyList<int> checkpoints, Func<int, IStepper> engineFor)
    {
        var statistics = new ModelStatistics(problem);
        var result = new Snapshot[members, checkpoints.Count];
        Parallel.For(0, members, member =>
        {
            using IStepper engine = engineFor(member);
            double[] w = problem.CopyInitialPoint();
            int step = 0;
            for (int c = 0; c < checkpoints.Count; c++)
            {
                for (; step < checkpoints[c]; step++) engine.Step(w);
                result[member, c] = statistics.Snapshot(w, step * engine.TimePerStep, step);
            }
        });
        return result;
    }

    /// <summary>One statistic at one checkpoint across members.</summary>
    public static double[] Column(Snapshot[,] snapshots, int checkpoint, Func<Snapshot, double> statistic)
    {
        var values = new double[snapshots.GetLength(0)];
        for (int m = 0; m < values.Length; m++) values[m] = statistic(snapshots[m, checkpoint]);
        return values;
    }
}
