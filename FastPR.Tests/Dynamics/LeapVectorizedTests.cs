using FastPR.Core;

namespace FastPR.Tests.Dynamics;

/// <summary>
/// The vector leap kernels (LeapVectorized with the flow's and GD's vector coefficients) against a scalar loop over the same
/// formulas (FlowCoefficients, GdCoefficients), for every length 0…256 and some odd larger ones, so every remainder is
/// exercised. Elements: bit for bit (both paths run LaneMath's exp and ln and the same roundings, so the leaped state is the same
/// on every platform and width); sums: 10⁻¹⁴ of the sum of the magnitudes of their terms (only the summation order differs).
/// GD lanes with 1 + ηλα ≤ 0 must be NaN on both paths.
/// </summary>
public class LeapVectorizedTests
{
    private const double ElementTolerance = 0;
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
        // λ over six decades and both signs of the exponent around the series/exp switch at |x| = 1/2.
        var lambda = Enumerable.Range(0, n).Select(i => Math.Pow(10, -6 * random.NextDouble())).ToArray();
        var teacher = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        return (lambda, teacher, w);
    }

    // (name, scalar, vector, α, β, the amplification 1 + |y| of coordinate i)
    private static IEnumerable<(string Name, ILeapCoefficients Scalar, Func<double[], double[], double[], double, double, double[], (int, EvaluationSums)> Evaluate,
        Func<double[], double[], double[], double, double, (int, double[])> Apply, double Alpha, double Beta, Func<double, double> Amplification)> Cases()
    {
        foreach (var (h, alpha, beta) in new[] { (0.7, -3.1, 0.4), (12.0, 0.05, -2.0), (0.3, 1e-13, 1.0) })
        {
            var vector = new FlowVectorCoefficients(h);
            yield return ($"flow h = {h}", new FlowCoefficients(h), (l, t, w, a, b, next) => Evaluate(vector, l, t, w, a, b, next),
                (l, t, w, a, b) => Apply(vector, l, t, w, a, b), alpha, beta, _ => 1);
        }
        foreach (var (eta, steps, alpha, beta) in new[] { (0.01, 50L, -3.1, 0.4), (0.1, 1000L, 0.05, -2.0), (0.5, 3L, -3.0, 1.0), (0.01, 1L, -3.0, 0.5), (1e-3, 7L, 1e-13, 1.0) })
        {
            var vector = new GdVectorCoefficients(eta, steps);
            double Amplification(double lambda)
            {
                double z = eta * lambda * alpha;
                return z <= -1 || steps == 1 ? 1 : 1 + Math.Abs(steps * z * SpecialFunctions.Log1pRelative(z));
            }
            yield return ($"GD η = {eta}, n = {steps}", new GdCoefficients(eta, steps), (l, t, w, a, b, next) => Evaluate(vector, l, t, w, a, b, next),
                (l, t, w, a, b) => Apply(vector, l, t, w, a, b), alpha, beta, Amplification);
        }
    }

    private static (int, EvaluationSums) Evaluate<T>(T vector, double[] lambda, double[] teacher, double[] w, double alpha, double beta, double[] next)
        where T : struct, IVectorLeapCoefficients
    {
        int done = LeapVectorized.Evaluate(vector, lambda, teacher, w, alpha, beta, next, out var sums);
        return (done, sums);
    }

    // In place, as SelfConsistentLeap.Apply calls it.
    private static (int, double[]) Apply<T>(T vector, double[] lambda, double[] teacher, double[] w, double alpha, double beta)
        where T : struct, IVectorLeapCoefficients
    {
        int done = LeapVectorized.Evaluate(vector, lambda, teacher, w, alpha, beta, w, out var sums);
        return (done, [sums.S, sums.U, sums.S2, sums.U2]);
    }

    private static bool Close(double vector, double scalar, double tolerance) =>
        double.IsNaN(scalar) ? double.IsNaN(vector) : Math.Abs(vector - scalar) <= tolerance;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Evaluate_MatchesTheScalarSums(int n)
    {
        var (lambda, teacher, w) = Inputs(n);
        foreach (var c in Cases())
        {
            var leaped = new double[n];
            var (done, result) = c.Evaluate(lambda, teacher, w, c.Alpha, c.Beta, leaped);
            Assert.Equal(n - n % 4, done);
            var sums = new (double Sum, double Magnitude)[8];
            double worst = 1;
            for (int i = 0; i < done; i++)
            {
                c.Scalar.Compute(lambda[i], c.Alpha, out double growth, out double drive, out double growthSlope, out double driveSlope);
                double next = growth * w[i] + c.Beta * (drive * teacher[i]);
                double amplification = c.Amplification(lambda[i]);
                worst = Math.Max(worst, amplification);
                Assert.True(Close(leaped[i], next, amplification * ElementTolerance * (Math.Abs(growth * w[i]) + Math.Abs(c.Beta * drive * teacher[i]))),
                    $"{c.Name}, n = {n}, i = {i}: vector {leaped[i]:R}, scalar {next:R}");
                double byAlpha = growthSlope * w[i] + c.Beta * driveSlope * teacher[i], byBeta = drive * teacher[i];
                double ln = lambda[i] * next, lt = lambda[i] * teacher[i], lln = lambda[i] * ln;
                double[] terms = [ln * next, ln * teacher[i], lln * next, lln * teacher[i], ln * byAlpha, ln * byBeta, lt * byAlpha, lt * byBeta];
                for (int k = 0; k < 8; k++) sums[k] = (sums[k].Sum + terms[k], sums[k].Magnitude + Math.Abs(terms[k]));
            }
            for (int i = done; i < n; i++) Assert.Equal(0, leaped[i]); // the caller's scalar loop owns the remainder
            double[] vector = [result.S, result.U, result.S2, result.U2, result.Dsa, result.Dsb, result.Dua, result.Dub];
            for (int k = 0; k < 8; k++)
                Assert.True(Close(vector[k], sums[k].Sum, worst * SumTolerance * sums[k].Magnitude + 1e-300),
                    $"{c.Name}, n = {n}, sum {k}: vector {vector[k]:R}, scalar {sums[k].Sum:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EvaluateInPlace_MatchesTheScalarLeap_AndLeavesTheTailAlone(int n)
    {
        var (lambda, teacher, w) = Inputs(n);
        foreach (var c in Cases())
        {
            var leaped = w.ToArray();
            var (done, result) = c.Apply(lambda, teacher, leaped, c.Alpha, c.Beta);
            Assert.Equal(n - n % 4, done);
            double[] sums = new double[4], magnitudes = new double[4];
            double worst = 1;
            for (int i = 0; i < n; i++)
            {
                if (i >= done)
                {
                    Assert.Equal(w[i], leaped[i]); // the scalar loop of the caller owns the remainder
                    continue;
                }
                c.Scalar.Compute(lambda[i], c.Alpha, out double growth, out double drive, out _, out _);
                double next = growth * w[i] + c.Beta * (drive * teacher[i]);
                double amplification = c.Amplification(lambda[i]);
                worst = Math.Max(worst, amplification);
                Assert.True(Close(leaped[i], next, amplification * ElementTolerance * (Math.Abs(growth * w[i]) + Math.Abs(c.Beta * drive * teacher[i]))),
                    $"{c.Name}, n = {n}, i = {i}: vector {leaped[i]:R}, scalar {next:R}");
                double lw = lambda[i] * next, llw = lambda[i] * lw;
                double[] terms = [lw * next, lw * teacher[i], llw * next, llw * teacher[i]];
                for (int k = 0; k < 4; k++) { sums[k] += terms[k]; magnitudes[k] += Math.Abs(terms[k]); }
            }
            for (int k = 0; k < 4; k++)
                Assert.True(Close(result[k], sums[k], worst * SumTolerance * magnitudes[k] + 1e-300), $"{c.Name}, n = {n}, sum {k}: vector {result[k]:R}, scalar {sums[k]:R}");
        }
    }
}
