using FastPR.Core;

namespace FastPR.Tests.Engines;

/// <summary>
/// The projected engine's fused passes against plain scalar loops, for every length 0…256 and some odd larger
/// ones, so every SIMD remainder runs. Elements agree to 4 ulp (fused multiply-adds against separate roundings); sums to
/// 1e-14 of the sum of their terms' magnitudes (only the summation order differs).
/// </summary>
public class ProjectedKernelsTests
{
    private const double ElementTolerance = 4 * 1.1102230246251565e-16;
    private const double SumTolerance = 1e-14;

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (int n in Enumerable.Range(0, 257).Concat([301, 1001, 4099])) data.Add(n);
        return data;
    }

    private static double[] Vector(int n, int seed, double low = -1, double high = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
    }

    private static void AssertSum(double actual, IEnumerable<double> terms, string what)
    {
        double sum = 0, magnitude = 0;
        foreach (double term in terms) { sum += term; magnitude += Math.Abs(term); }
        Assert.True(Math.Abs(actual - sum) <= SumTolerance * magnitude, $"{what}: kernel {actual:R}, scalar {sum:R}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Project_MatchesScalarSums(int n)
    {
        double[] sqrtLambda = Vector(n, 1, 0, 1), w = Vector(n, 2), u = Vector(n, 3), xi = Vector(n, 4);
        var (vv, uv, uXi, vXi) = ProjectedKernels.Project(sqrtLambda, w, u, xi);
        var v = Enumerable.Range(0, n).Select(i => sqrtLambda[i] * w[i]).ToArray();
        AssertSum(vv, v.Select(x => x * x), $"n = {n}, ‖v‖²");
        AssertSum(uv, Enumerable.Range(0, n).Select(i => u[i] * v[i]), $"n = {n}, u·v");
        AssertSum(uXi, Enumerable.Range(0, n).Select(i => u[i] * xi[i]), $"n = {n}, u·ξ");
        AssertSum(vXi, Enumerable.Range(0, n).Select(i => v[i] * xi[i]), $"n = {n}, v·ξ");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Residual_MatchesScalarLoop(int n)
    {
        double[] sqrtLambda = Vector(n, 5, 0, 1), w = Vector(n, 6), u = Vector(n, 7), xi = Vector(n, 8);
        const double c = 0.37;
        var e = new double[n];
        var (ee, ue, eXi) = ProjectedKernels.Residual(sqrtLambda, w, u, c, xi, e);
        var expected = Enumerable.Range(0, n).Select(i => sqrtLambda[i] * w[i] - c * u[i]).ToArray();
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(e[i] - expected[i]) <= ElementTolerance * (Math.Abs(sqrtLambda[i] * w[i]) + Math.Abs(c * u[i])), $"n = {n}, e[{i}]");
        AssertSum(ee, expected.Select(x => x * x), $"n = {n}, ‖e‖²");
        AssertSum(ue, Enumerable.Range(0, n).Select(i => u[i] * expected[i]), $"n = {n}, u·e");
        AssertSum(eXi, Enumerable.Range(0, n).Select(i => expected[i] * xi[i]), $"n = {n}, e·ξ");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Update_MatchesScalarLoop(int n)
    {
        double[] sqrtLambda = Vector(n, 9, 0, 1), w = Vector(n, 10), u = Vector(n, 11), xi = Vector(n, 12), e = Vector(n, 13);
        const double scale = 0.013, rho = 1.7, alphaU = -0.4, alphaE = 2.2;
        var updated = w.ToArray();
        ProjectedKernels.Update(updated, sqrtLambda, scale, rho, xi, alphaU, u, alphaE, e);
        for (int i = 0; i < n; i++)
        {
            double g = rho * xi[i] + alphaU * u[i] + alphaE * e[i];
            double step = scale * sqrtLambda[i] * g;
            double expected = w[i] - step;
            double magnitude = Math.Abs(w[i]) + scale * sqrtLambda[i] * (Math.Abs(rho * xi[i]) + Math.Abs(alphaU * u[i]) + Math.Abs(alphaE * e[i]));
            Assert.True(Math.Abs(updated[i] - expected) <= ElementTolerance * magnitude, $"n = {n}, w[{i}]: kernel {updated[i]:R}, scalar {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void UpdateFromV_MatchesScalarLoop(int n)
    {
        double[] sqrtLambda = Vector(n, 14, 0, 1), w = Vector(n, 15), u = Vector(n, 16), xi = Vector(n, 17);
        const double scale = 0.013, rho = 1.7, alphaU = -0.4, alphaV = 2.2;
        var updated = w.ToArray();
        ProjectedKernels.UpdateFromV(updated, sqrtLambda, scale, rho, xi, alphaU, u, alphaV);
        for (int i = 0; i < n; i++)
        {
            double v = sqrtLambda[i] * w[i];
            double expected = w[i] - scale * sqrtLambda[i] * (rho * xi[i] + alphaU * u[i] + alphaV * v);
            double magnitude = Math.Abs(w[i]) + scale * sqrtLambda[i] * (Math.Abs(rho * xi[i]) + Math.Abs(alphaU * u[i]) + Math.Abs(alphaV * v));
            Assert.True(Math.Abs(updated[i] - expected) <= ElementTolerance * magnitude, $"n = {n}, w[{i}]: kernel {updated[i]:R}, scalar {expected:R}");
        }
    }
}
