namespace FastPR.Tests;

/// <summary>The statistics toolkit of the test suite: summaries, the normal CDF, KS statistics and p-values.</summary>
internal static class Stats
{
    /// <summary>Mean, unbiased variance and standard error of the mean.</summary>
    public readonly record struct Summary(int Count, double Mean, double Variance)
    {
        public double StandardDeviation => Math.Sqrt(Variance);
        public double StandardError => Math.Sqrt(Variance / Count);
        public override string ToString() => $"{Mean:G4} ± {StandardDeviation:G3} (n = {Count}, se {StandardError:G3})";
    }

    public static Summary Summarize(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (double x in values) mean += x;
        mean /= values.Length;
        double ss = 0;
        foreach (double x in values) ss += (x - mean) * (x - mean);
        return new Summary(values.Length, mean, ss / (values.Length - 1));
    }

    /// <summary>|mean_a − mean_b| in units of the combined standard error.</summary>
    public static double MeanDifferenceInSe(Summary a, Summary b) =>
        Math.Abs(a.Mean - b.Mean) / Math.Sqrt(a.StandardError * a.StandardError + b.StandardError * b.StandardError);

    /// <summary>Pearson correlation of two equally long samples.</summary>
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double mx = 0, my = 0;
        for (int i = 0; i < x.Length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Φ(x), the standard normal CDF, accurate to ~1e-15 absolute.</summary>
    public static double NormalCdf(double x) => x < 0 ? 0.5 * Erfc(-x / Math.Sqrt(2)) : 1 - 0.5 * Erfc(x / Math.Sqrt(2));

    /// <summary>erfc(t) for t ≥ 0: a positive-term series for erf below t = 2.5, a continued fraction above.</summary>
    public static double Erfc(double t)
    {
        if (t < 0) throw new ArgumentOutOfRangeException(nameof(t));
        if (t < 2.5)
        {
            // erf(t) = (2/√π)·e^{−t²}·Σ_n 2^n t^{2n+1} / (1·3·…·(2n+1)); every term is positive.
            double term = t, sum = t;
            for (int n = 1; n < 200 && term > 1e-18 * sum; n++)
            {
                term *= 2 * t * t / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * Math.Exp(-t * t) * sum;
        }
        // erfc(t) = e^{−t²}/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …)))), evaluated backwards from a deep level.
        double tail = t;
        for (int k = 120; k >= 1; k--) tail = t + k / 2.0 / tail;
        return Math.Exp(-t * t) / Math.Sqrt(Math.PI) / tail;
    }

    /// <summary>P(K &gt; λ) for the Kolmogorov distribution (the asymptotic law of √n·D).</summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (lambda <= 0) return 1;
        if (lambda < 1)
        {
            // P(K ≤ λ) = √(2π)/λ · Σ_k exp(−(2k−1)²π²/(8λ²)) converges fast for small λ.
            double sum = 0;
            for (int k = 1; k <= 20; k++) sum += Math.Exp(-(2 * k - 1) * (2 * k - 1) * Math.PI * Math.PI / (8 * lambda * lambda));
            return 1 - Math.Sqrt(2 * Math.PI) / lambda * sum;
        }
        double q = 0;
        for (int k = 1; k <= 100; k++) q += (k % 2 == 1 ? 2 : -2) * Math.Exp(-2.0 * k * k * lambda * lambda);
        return Math.Clamp(q, 0, 1);
    }

    /// <summary>The sample's raw moments E x, E x², E x⁴ (under N(0, 1): 0, 1, 3 with variances 1, 2, 96 per draw).</summary>
    public static (double M1, double M2, double M4) RawMoments(ReadOnlySpan<double> x)
    {
        double m1 = 0, m2 = 0, m4 = 0;
        foreach (double v in x)
        {
            double v2 = v * v;
            m1 += v;
            m2 += v2;
            m4 += v2 * v2;
        }
        return (m1 / x.Length, m2 / x.Length, m4 / x.Length);
    }

    /// <summary>One-sample Kolmogorov–Smirnov statistic D of a sample (sorted in place) against <paramref name="cdf"/>.</summary>
    public static double KsStatistic(double[] sample, Func<double, double> cdf)
    {
        Array.Sort(sample);
        int n = sample.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sample[i]);
            d = Math.Max(d, Math.Max(f - (double)i / n, (double)(i + 1) / n - f));
        }
        return d;
    }

    /// <summary>Two-sample KS statistic and its asymptotic p-value P(K &gt; √(nm/(n+m))·D).</summary>
    public static (double D, double PValue) KsTwoSample(double[] a, double[] b)
    {
        double[] x = (double[])a.Clone(), y = (double[])b.Clone();
        Array.Sort(x);
        Array.Sort(y);
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }
        double effective = (double)x.Length * y.Length / (x.Length + y.Length);
        return (d, KolmogorovSurvival(Math.Sqrt(effective) * d));
    }
}
