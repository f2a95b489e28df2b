namespace FastPR.Tests.Native;

/// <summary>
/// Standard normal CDF to about 1e-15, for goodness-of-fit tests. erf(z) = 2/√π·e^(−z²)·Σ (2z²)ⁿ·z / (1·3···(2n+1)):
/// every term is positive, so nothing cancels.
/// </summary>
internal static class NormalDistribution
{
    public static double Cdf(double x)
    {
        if (x < -9)
        {
            return 0;
        }

        if (x > 9)
        {
            return 1;
        }

        double z = Math.Abs(x) / Math.Sqrt(2);
        double term = z, sum = z, twoZ2 = 2 * z * z;
        for (int n = 1; term > 1e-17 * sum; n++)
        {
            term *= twoZ2 / ((2 * n) + 1);
            sum += term;
        }

        double erf = 2 / Math.Sqrt(Math.PI) * Math.Exp(-z * z) * sum;
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
