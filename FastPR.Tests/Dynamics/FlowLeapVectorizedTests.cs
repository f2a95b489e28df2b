using FastPR.Core;

namespace FastPR.Tests.Dynamics;

/// <summary>
/// The flow leap's vector kernels against a scalar loop over the same formulas (FlowCoefficients), for every length
/// 0…256 and some odd larger ones, so every remainder is exercised. Elements: 8 ulp relative (Vector256.Exp against
/// Math.Exp); sums: 1e-14 of the sum of the magnitudes of their terms (only the summation order differs).
/// </summary>
public class FlowLeapVectorizedTests
{
    private const double ElementTolerance = 8 * 1.1102230246251565e-16;
    private const double SumTolerance = 1e-14;

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (int n in Enumerable.Range(0, 257).Concat([301, 1001, 4099])) data.Add(n);
        return data;
    }

    private static (double[] Lambda, double[] Teacher, double[] W) Inputs(int n)
    {
        var random = new Random(n + 7);
        // λ over six decades and both signs of λαh around the series/quotient switch at |x| = 1/2.
        var lambda = Enumerable.Range(0, n).Select(i => Math.Pow(10, -6 * random.NextDouble())).ToArray();
        var teacher = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        return (lambda, teacher, w);
    }

    [SkippableTheory]
    [MemberData(nameof(Lengths))]
    public void Evaluate_MatchesTheScalarSums(int n)
    {
        Skip.IfNot(FlowLeapVectorized.IsSupported, "no Vector256 acceleration");
        var (lambda, teacher, w) = Inputs(n);
        foreach (var (h, alpha, beta) in new[] { (0.7, -3.1, 0.4), (12.0, 0.05, -2.0), (0.3, 1e-13, 1.0) })
        {
            var leaped = new double[n];
            int done = FlowLeapVectorized.Evaluate(lambda, teacher, w, h, alpha, beta, leaped, out var result);
            Assert.Equal(n - n % 4, done);
            var coefficients = new FlowCoefficients(h);
            var sums = new (double Sum, double Magnitude)[8];
            for (int i = 0; i < done; i++)
            {
                coefficients.Compute(lambda[i], alpha, out double growth, out double drive, out double growthSlope, out double driveSlope);
                double next = growth * w[i] + beta * drive * teacher[i];
                Assert.True(Math.Abs(leaped[i] - next) <= ElementTolerance * (Math.Abs(growth * w[i]) + Math.Abs(beta * drive * teacher[i])),
                    $"n = {n}, i = {i}: vector {leaped[i]:R}, scalar {next:R}");
                double byAlpha = growthSlope * w[i] + beta * driveSlope * teacher[i], byBeta = drive * teacher[i];
                double ln = lambda[i] * next, lt = lambda[i] * teacher[i], lln = lambda[i] * ln;
                double[] terms = [ln * next, ln * teacher[i], lln * next, lln * teacher[i], ln * byAlpha, ln * byBeta, lt * byAlpha, lt * byBeta];
                for (int k = 0; k < 8; k++) sums[k] = (sums[k].Sum + terms[k], sums[k].Magnitude + Math.Abs(terms[k]));
            }
            for (int i = done; i < n; i++) Assert.Equal(0, leaped[i]); // the caller's scalar loop owns the remainder
            double[] vector = [result.S, result.U, result.S2, result.U2, result.Dsa, result.Dsb, result.Dua, result.Dub];
            for (int k = 0; k < 8; k++)
                Assert.True(Math.Abs(vector[k] - sums[k].Sum) <= SumTolerance * sums[k].Magnitude + 1e-300,
                    $"n = {n}, sum {k}: vector {vector[k]:R}, scalar {sums[k].Sum:R}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Lengths))]
    public void Apply_MatchesTheScalarLeap_AndLeavesTheTailAlone(int n)
    {
        Skip.IfNot(FlowLeapVectorized.IsSupported, "no Vector256 acceleration");
        var (lambda, teacher, w) = Inputs(n);
        double h = 0.9, alpha = -2.5, beta = 0.8;
        var leaped = w.ToArray();
        int done = FlowLeapVectorized.Apply(lambda, teacher, leaped, h, alpha, beta, out double s, out double u, out double s2, out double u2);
        Assert.Equal(n - n % 4, done);
        var coefficients = new FlowCoefficients(h);
        double[] sums = new double[4], magnitudes = new double[4];
        for (int i = 0; i < n; i++)
        {
            if (i >= done)
            {
                Assert.Equal(w[i], leaped[i]); // the scalar loop of the caller owns the remainder
                continue;
            }
            coefficients.Compute(lambda[i], alpha, out double growth, out double drive, out _, out _);
            double next = growth * w[i] + beta * drive * teacher[i];
            Assert.True(Math.Abs(leaped[i] - next) <= ElementTolerance * (Math.Abs(growth * w[i]) + Math.Abs(beta * drive * teacher[i])),
                $"n = {n}, i = {i}: vector {leaped[i]:R}, scalar {next:R}");
            double lw = lambda[i] * next, llw = lambda[i] * lw;
            double[] terms = [lw * next, lw * teacher[i], llw * next, llw * teacher[i]];
            for (int k = 0; k < 4; k++) { sums[k] += terms[k]; magnitudes[k] += Math.Abs(terms[k]); }
        }
        double[] vector = [s, u, s2, u2];
        for (int k = 0; k < 4; k++)
            Assert.True(Math.Abs(vector[k] - sums[k]) <= SumTolerance * magnitudes[k] + 1e-300, $"n = {n}, sum {k}: vector {vector[k]:R}, scalar {sums[k]:R}");
    }
}
