namespace FastPR.Core;

/// <summary>
/// The distribution of the escape time T1 over an ensemble's members (docs/MODEL.md §3.8): SGD's escape from |u(0)| ~ d^(−½) is
/// noise-driven, so T1 is random. Statistics are over the members that escaped; quantiles interpolate linearly between order statistics.
/// </summary>
/// <param name="Values">Each member's T1, or null when it did not escape by the end of its run.</param>
/// <param name="Escaped">How many members escaped.</param>
/// <param name="Mean">Mean T1 of the escaped members (null when none did).</param>
/// <param name="Std">Their sample standard deviation (n − 1; null below two).</param>
/// <param name="Q05">5% quantile.</param>
/// <param name="Q25">25% quantile.</param>
/// <param name="Median">Median.</param>
/// <param name="Q75">75% quantile.</param>
/// <param name="Q95">95% quantile.</param>
public sealed record EscapeDistribution(double?[] Values, int Escaped, double? Mean, double? Std, double? Q05, double? Q25, double? Median, double? Q75, double? Q95)
{
    /// <summary>From the members' phase boundaries, in member order.</summary>
    public static EscapeDistribution Of(IReadOnlyList<PhaseBoundaries> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var values = members.Select(m => m.Escape).ToArray();
        var escaped = values.OfType<double>().Order().ToArray();
        int n = escaped.Length;
        if (n == 0) return new EscapeDistribution(values, 0, null, null, null, null, null, null, null);
        double mean = escaped.Average();
        double? std = n > 1 ? Math.Sqrt(escaped.Sum(t => (t - mean) * (t - mean)) / (n - 1)) : null;
        return new EscapeDistribution(values, n, mean, std, Quantile(escaped, 0.05), Quantile(escaped, 0.25), Quantile(escaped, 0.5),
            Quantile(escaped, 0.75), Quantile(escaped, 0.95));
    }

    /// <summary>The p-quantile of sorted values, interpolating linearly at position p·(n − 1).</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
