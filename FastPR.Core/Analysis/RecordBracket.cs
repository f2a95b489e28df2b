namespace FastPR.Core;

/// <summary>
/// Where a time detected on a trajectory sits among its records: at a record, or interpolated between two. A boundary found
/// between records 10 time units apart is known only to within that gap, and the reader must be told.
/// </summary>
/// <param name="Time">The detected time.</param>
/// <param name="Before">The record before it (for an interpolated time) or before the record it sits at; null at the first record.</param>
/// <param name="After">The record at or after it.</param>
/// <param name="Interpolated">Whether <paramref name="Time"/> lies strictly between two records.</param>
public readonly record struct RecordBracket(double Time, double? Before, double After, bool Interpolated)
{
    /// <summary>Times this close (relative) to a record are that record: the detector's log-time interpolation at f = 1 rounds.</summary>
    private const double SameTime = 1e-12;

    /// <summary>Gap between the records around the time (null at the first record).</summary>
    public double? Gap => Before is double before ? After - before : null;

    /// <summary>The bracket of <paramref name="time"/>, or null when it lies outside the recorded times.</summary>
    public static RecordBracket? Of(ReadOnlySpan<Snapshot> trajectory, double time)
    {
        for (int k = 0; k < trajectory.Length; k++)
        {
            double t = trajectory[k].Time;
            double? before = k > 0 ? trajectory[k - 1].Time : null;
            if (Math.Abs(t - time) <= SameTime * Math.Max(t, double.Epsilon)) return new RecordBracket(time, before, t, false);
            if (t > time) return k == 0 ? null : new RecordBracket(time, before, t, true);
        }
        return null;
    }
}
