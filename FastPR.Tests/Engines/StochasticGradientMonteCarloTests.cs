using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Engines;

/// <summary>
/// The reference engine's minibatch gradient is unbiased: its Monte-Carlo mean equals ∇L = 12sQw − 4s*Qw − 8uQw*.
/// The gradient is read off the engine itself: Update with η = 1 on a copy of w gives Δw = −gradient.
/// Two criteria, d = 20, 10^6 samples (B·n = 10^6 per case):
/// <list type="bullet">
/// <item>each coordinate within 5 standard errors (for a correct engine P(any |z| &gt; 5) ≤ 20·5.7e-7 ≈ 1e-5);</item>
/// <item>the aggregate Hotelling statistic T² = n·δᵀ Ĉ⁻¹ δ (δ = MC mean − ∇L, Ĉ the sample covariance of one gradient draw),
/// which accounts for the strong correlation between coordinates and is χ² with 20 degrees of freedom for large n:
/// below 66, its upper 1e-6 quantile by Wilson–Hilferty.</item>
/// </list>
/// </summary>
public class StochasticGradientMonteCarloTests(ITestOutputHelper output)
{
    private const int Dimension = 20;
    private const double Exponent = 1.5;
    private const int Samples = 1_000_000;

    [Theory]
    [InlineData(1, 0.0, false, 1.0)]
    [InlineData(1, 0.5, false, 1.0)]
    [InlineData(4, 0.5, true, 1.0)]
    [InlineData(2, 0.0, true, 0.8)] // explicit teacher with s* = 0.64: nothing may assume s* = 1
    public void MeanMinibatchGradientEqualsPopulationGradient(int batch, double sigma, bool midEscape, double teacherScale)
    {
        var problem = CoreTestMath.WithScaledTeacher(CoreTestMath.MakeProblem(Dimension, Exponent, seed: 5, sigma: sigma), teacherScale);
        double[] w = problem.CopyInitialPoint();
        if (midEscape)
        {
            // A point with s and u of order one, where all three terms of the gradient matter.
            for (int i = 0; i < Dimension; i++) w[i] = 0.6 * problem.Teacher[i] + 0.5 * w[i];
        }
        var population = new double[Dimension];
        PopulationGradient.Compute(problem, w, population);

        using var engine = new ReferenceSgdEngine(problem, new SgdSettings(batch, 1.0), new ManagedGaussianSource(0));
        var source = new ManagedGaussianSource(SeedSequence.RunKey(2024, batch + (int)(100 * teacherScale)));
        var gaussians = new double[engine.GaussiansPerStep];
        var copy = new double[Dimension];
        // Sums of the draws' deviations from ∇L and of their outer products (shifted by ∇L for numerical stability).
        var sum = new double[Dimension];
        var outer = new double[Dimension, Dimension];
        var deviation = new double[Dimension];
        int n = Samples / batch;
        for (int draw = 0; draw < n; draw++)
        {
            source.Fill(gaussians);
            w.CopyTo(copy, 0);
            engine.Update(copy, gaussians);
            for (int i = 0; i < Dimension; i++)
            {
                deviation[i] = (w[i] - copy[i]) - population[i];
                sum[i] += deviation[i];
            }
            for (int i = 0; i < Dimension; i++)
                for (int j = 0; j <= i; j++) outer[i, j] += deviation[i] * deviation[j];
        }

        var delta = new double[Dimension];
        for (int i = 0; i < Dimension; i++) delta[i] = sum[i] / n;
        var covariance = new double[Dimension, Dimension];
        for (int i = 0; i < Dimension; i++)
            for (int j = 0; j <= i; j++)
                covariance[i, j] = covariance[j, i] = (outer[i, j] - n * delta[i] * delta[j]) / (n - 1);

        double largestSignal = 0, largestZ = 0;
        for (int i = 0; i < Dimension; i++)
        {
            double standardError = Math.Sqrt(covariance[i, i] / n);
            double z = delta[i] / standardError;
            largestZ = Math.Max(largestZ, Math.Abs(z));
            largestSignal = Math.Max(largestSignal, Math.Abs(population[i]) / standardError);
            output.WriteLine($"i={i + 1,2}: ∇L {population[i],12:G6}  MC {population[i] + delta[i],12:G6} ± {standardError:G2}  z = {z,6:F2}");
            Assert.True(Math.Abs(z) < 5, $"coordinate {i}: ∇L = {population[i]}, MC = {population[i] + delta[i]} ± {standardError} (z = {z:F2})");
        }
        double hotelling = n * QuadraticFormOfInverse(covariance, delta);
        output.WriteLine($"max |z| = {largestZ:F2}, Hotelling T² = {hotelling:F1} (χ²₂₀: mean 20, 1e-6 quantile 66), largest |∇L_i|/SE = {largestSignal:F0}");
        Assert.True(hotelling < 66, $"T² = {hotelling}");
        // Teeth: the population gradient is resolved far beyond the noise, so a wrong factor or sign cannot pass.
        Assert.True(largestSignal > 50, $"largest |∇L_i|/SE = {largestSignal}");
    }

    /// <summary>vᵀ A⁻¹ v for symmetric positive definite A, by Cholesky.</summary>
    private static double QuadraticFormOfInverse(double[,] a, double[] v)
    {
        int d = v.Length;
        var l = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    Assert.True(s > 0, "sample covariance is not positive definite");
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        }
        // Solve L y = v; then vᵀA⁻¹v = ‖y‖².
        double result = 0;
        var y = new double[d];
        for (int i = 0; i < d; i++)
        {
            double s = v[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * y[k];
            y[i] = s / l[i, i];
            result += y[i] * y[i];
        }
        return result;
    }
}
