using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>
/// VSL Gaussians are N(0, 1): raw moments 1, 2 and 4 within 5 standard errors and a Kolmogorov–Smirnov distance below
/// its 0.1 % critical value, on 10^6 samples from a fixed seed. A wrong sigma, mean or method fails with near certainty.
/// </summary>
public class VslGaussianTests
{
    private const int N = 1_000_000;

    public static IEnumerable<object[]> Generators() =>
        from brng in new[] { VslBrng.Mcg59, VslBrng.Sfmt19937, VslBrng.Philox4x32x10 }
        from method in new[] { VslGaussianMethod.Icdf, VslGaussianMethod.BoxMuller2 }
        select new object[] { brng, method };

    [MklTheory]
    [MemberData(nameof(Generators))]
    public void DoubleIsStandardNormal(VslBrng brng, VslGaussianMethod method)
    {
        using var stream = VslStream.Create(brng, 20240611);
        var samples = new double[N];
        stream.Gaussian(samples, method: method);
        CheckStandardNormal(samples, $"{brng} {method} double");
    }

    [MklTheory]
    [MemberData(nameof(Generators))]
    public void SingleIsStandardNormal(VslBrng brng, VslGaussianMethod method)
    {
        using var stream = VslStream.Create(brng, 777);
        var samples = new float[N];
        stream.Gaussian(samples, method: method);
        CheckStandardNormal(Array.ConvertAll(samples, v => (double)v), $"{brng} {method} float");
    }

    [MklFact]
    public void MeanAndSigmaAreApplied()
    {
        const double mean = 3.5, sigma = 0.25;
        using var stream = VslStream.Create(VslBrng.Mcg59, 5);
        var samples = new double[N];
        stream.Gaussian(samples, mean, sigma);
        CheckStandardNormal(Array.ConvertAll(samples, v => (v - mean) / sigma), "N(3.5, 0.25^2) standardised");
    }

    private static void CheckStandardNormal(double[] x, string context)
    {
        int n = x.Length;
        var (m1, m2, m4) = Stats.RawMoments(x);
        WithinStandardErrors(m1, 0, Math.Sqrt(1.0 / n), $"{context}: mean");
        WithinStandardErrors(m2, 1, Math.Sqrt(2.0 / n), $"{context}: E[x^2]");
        WithinStandardErrors(m4, 3, Math.Sqrt(96.0 / n), $"{context}: E[x^4]");

        double d = Stats.KsStatistic(x, Stats.NormalCdf);
        double critical = 1.95 / Math.Sqrt(n);
        Assert.True(d < critical, $"{context}: KS distance {d:E3} >= 0.1% critical value {critical:E3}");
    }

    private static void WithinStandardErrors(double estimate, double expected, double standardError, string context)
    {
        double z = (estimate - expected) / standardError;
        Assert.True(Math.Abs(z) < 5, $"{context} = {estimate:R}, expected {expected}, {z:F2} standard errors away");
    }
}
