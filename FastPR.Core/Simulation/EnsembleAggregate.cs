namespace FastPR.Core;

/// <summary>
/// Mean, standard deviation and 5%/95% quantiles of every recorded statistic at every record, over the ensemble.
/// Built from the members' snapshots; memory O(members × records).
/// </summary>
public sealed class EnsembleAggregate
{
    private readonly Band[] _bands; // [record * StatisticCount + statistic]

    /// <summary>Aggregates the members' trajectories; member m contributes at record c when it recorded it.</summary>
    public EnsembleAggregate(IReadOnlyList<Snapshot[]> members, ReadOnlySpan<long> recordSteps, double timePerStep)
        : this(members, recordSteps, [.. recordSteps.ToArray().Select(s => s * timePerStep)]) { }

    /// <summary>As above with the records' times given (a schedule's, docs/MODEL.md §3.9).</summary>
    internal EnsembleAggregate(IReadOnlyList<Snapshot[]> members, ReadOnlySpan<long> recordSteps, double[] times)
    {
        ArgumentNullException.ThrowIfNull(members);
        Steps = recordSteps.ToArray();
        Times = times;
        _bands = new Band[Steps.Length * Snapshot.StatisticCount];
        var values = new double[members.Count];
        for (int c = 0; c < Steps.Length; c++)
        {
            for (int k = 0; k < Snapshot.StatisticCount; k++)
            {
                int n = 0;
                foreach (var member in members)
                {
                    if (c < member.Length && member[c].IsFinite) values[n++] = member[c].Get((Statistic)k);
                }
                _bands[c * Snapshot.StatisticCount + k] = Summarize(values.AsSpan(0, n));
            }
        }
    }

    /// <summary>Record steps.</summary>
    public long[] Steps { get; }
    /// <summary>Record times.</summary>
    public double[] Times { get; }
    /// <summary>Number of records.</summary>
    public int RecordCount => Steps.Length;

    /// <summary>The band of <paramref name="statistic"/> at record <paramref name="record"/>.</summary>
    public Band Get(int record, Statistic statistic) => _bands[record * Snapshot.StatisticCount + (int)statistic];

    /// <summary>The trajectory of ensemble means, for phase detection and fits. Records no member reached are omitted.</summary>
    public Snapshot[] MeanTrajectory()
    {
        var result = new List<Snapshot>(RecordCount);
        for (int c = 0; c < RecordCount; c++)
        {
            if (Get(c, Statistic.S).Count == 0) break;
            double Mean(Statistic k) => Get(c, k).Mean;
            result.Add(new Snapshot(Times[c], Steps[c], Mean(Statistic.S), Mean(Statistic.U), Mean(Statistic.Loss), Mean(Statistic.Mse),
                Mean(Statistic.OneMinusU), Mean(Statistic.S2), Mean(Statistic.U2)));
        }
        return result.ToArray();
    }

    /// <summary>Mean, sd and interpolated 5%/95% quantiles; sorts <paramref name="values"/> in place.</summary>
    public static Band Summarize(Span<double> values)
    {
        int n = values.Length;
        if (n == 0) return new Band(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= n;
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        double std = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0;
        values.Sort();
        return new Band(mean, std, Quantile(values, 0.05), Quantile(values, 0.95), n);
    }

    private static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(position);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }
}
