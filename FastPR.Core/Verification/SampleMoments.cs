namespace FastPR.Core;

/// <summary>Count, mean and (n − 1) variance of a sample.</summary>
/// <param name="Count">n.</param>
/// <param name="Mean">Sample mean.</param>
/// <param name="Variance">Sample variance.</param>
internal readonly record struct SampleMoments(int Count, double Mean, double Variance)
{
    /// <summary>Standard error of the mean.</summary>
    public double StandardError => Math.Sqrt(Variance / Count);

    /// <summary>The moments of <paramref name="values"/> (two passes).</summary>
    public static SampleMoments Of(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 2) throw new ArgumentException("At least two values are needed.", nameof(values));
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= n;
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        return new SampleMoments(n, mean, ss / (n - 1));
    }

    /// <summary>|mean_a − mean_b| in units of the combined standard error √(se_a² + se_b²).</summary>
    public static double DifferenceInStandardErrors(SampleMoments a, SampleMoments b)
    {
        double se = Math.Sqrt(a.Variance / a.Count + b.Variance / b.Count);
        double difference = Math.Abs(a.Mean - b.Mean);
        return se > 0 ? difference / se : difference == 0 ? 0 : double.PositiveInfinity;
    }
}
