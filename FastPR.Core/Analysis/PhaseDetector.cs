namespace FastPR.Core;

/// <summary>
/// Finds the phase boundaries of any recorded trajectory: one SGD run, an ensemble mean, GD or the flow (docs/MODEL.md §4).
/// <para>
/// A boundary is the first record from which its condition holds persistently (see <see cref="PhaseOptions.Persistence"/>);
/// T1′ always uses "for good". The time is interpolated between that record and the one before it, linearly in the statistic
/// and in log t (linearly in t when the earlier record is at t = 0). If the condition already holds at the first record,
/// its time is returned. Non-finite snapshots fail every condition. The start of Phase III is not interpolated: it is the first
/// record of the final run inside the region, the record whose state the Phase III law starts from, so that one start time is
/// reported everywhere.
/// </para>
/// </summary>
internal static class PhaseDetector
{
    /// <summary>Detects all boundaries. Times must be non-negative and strictly increasing.</summary>
    public static PhaseBoundaries Detect(ReadOnlySpan<Snapshot> trajectory, PhaseOptions? options = null)
    {
        options ??= PhaseOptions.Default;
        options.Validate();
        for (int k = 0; k < trajectory.Length; k++)
        {
            if (!(trajectory[k].Time >= 0) || (k > 0 && !(trajectory[k].Time > trajectory[k - 1].Time)))
                throw new ArgumentException("Snapshot times must be non-negative and strictly increasing.", nameof(trajectory));
        }
        double sStar = options.SStar;
        int k0 = options.Persistence;
        return new PhaseBoundaries(
            Escape: Crossing(trajectory, Statistic.AbsU, options.EscapeThreshold * sStar, sStar, k0),
            HalfOverlap: Crossing(trajectory, Statistic.AbsU, options.HalfOverlap * sStar, sStar, k0),
            SCrossing: Crossing(trajectory, Statistic.S, sStar / 3, sStar, 0),
            Convergence: Crossing(trajectory, Statistic.AbsU, (1 - options.Epsilon) * sStar, sStar, k0),
            PhaseThree: Crossing(trajectory, Statistic.NegativeDistanceToOptimum, -options.PhaseThreeTolerance, sStar, k0, interpolate: false),
            Options: options);
    }

    /// <summary>
    /// The first time from which the statistic stays ≥ <paramref name="threshold"/> for <paramref name="persistence"/> consecutive
    /// records (0 = all remaining), interpolated as described on the class (or that record's own time when
    /// <paramref name="interpolate"/> is false); null when never.
    /// </summary>
    internal static double? Crossing(ReadOnlySpan<Snapshot> trajectory, Statistic statistic, double threshold, double sStar, int persistence,
        bool interpolate = true)
    {
        int n = trajectory.Length;
        int run = 0; // length of the current run of satisfied records, scanning backwards
        int found = -1;
        if (persistence == 0)
        {
            // For good: the earliest index of the final run of satisfied records.
            for (int k = n - 1; k >= 0 && Holds(trajectory[k], statistic, threshold, sStar); k--) found = k;
        }
        else
        {
            for (int k = n - 1; k >= 0; k--)
            {
                run = Holds(trajectory[k], statistic, threshold, sStar) ? run + 1 : 0;
                // A run of `persistence` records, or one reaching the end of the trajectory.
                if (run >= persistence || (run > 0 && k + run == n)) found = k;
            }
        }
        if (found < 0) return null;
        if (found == 0 || !interpolate) return trajectory[found].Time;
        var before = trajectory[found - 1];
        var after = trajectory[found];
        double v0 = Value(before, statistic, sStar), v1 = Value(after, statistic, sStar);
        double f = double.IsFinite(v0) && v1 != v0 ? Math.Clamp((threshold - v0) / (v1 - v0), 0, 1) : 1;
        if (before.Time == 0) return f * after.Time;
        return DeterministicMath.Exp(DeterministicMath.Log(before.Time) + f * (DeterministicMath.Log(after.Time) - DeterministicMath.Log(before.Time)));
    }

    private static bool Holds(in Snapshot snapshot, Statistic statistic, double threshold, double sStar)
    {
        double v = Value(snapshot, statistic, sStar);
        return double.IsFinite(v) && v >= threshold;
    }

    private static double Value(in Snapshot snapshot, Statistic statistic, double sStar) => statistic switch
    {
        Statistic.AbsU => Math.Abs(snapshot.U),
        Statistic.S => snapshot.S,
        _ => -DistanceToOptimum(snapshot, sStar),
    };

    /// <summary>max(|s − s*|, s* − |u|)/s*: Phase III is where this is at most <see cref="PhaseOptions.PhaseThreeTolerance"/>.</summary>
    internal static double DistanceToOptimum(in Snapshot snapshot, double sStar) =>
        Math.Max(Math.Abs(snapshot.S - sStar), sStar - Math.Abs(snapshot.U)) / sStar;

    internal enum Statistic { AbsU, S, NegativeDistanceToOptimum }
}
