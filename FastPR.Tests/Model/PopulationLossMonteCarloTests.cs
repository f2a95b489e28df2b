using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Model;

/// <summary>
/// The closed form L = 3s² + 3s*² − 2ss* − 4u² + σ² against a Monte-Carlo average of (ŷ − y)² with x = Q^½ g drawn explicitly.
/// d = 20, a = 1.5, 10^6 samples per case; the tolerance is 5 standard errors, the SE estimated from the sample variance.
/// </summary>
public class PopulationLossMonteCarloTests(ITestOutputHelper output)
{
    private const int Dimension = 20;
    private const double Exponent = 1.5;
    private const int Samples = 1_000_000;

    public enum Point { Initial, Random, NearTeacher, NearMinusTeacher, Zero }

    [Theory]
    [InlineData(Point.Initial, 0.0, 1.0)]
    [InlineData(Point.Random, 0.0, 1.0)]
    [InlineData(Point.NearTeacher, 0.0, 1.0)]
    [InlineData(Point.NearMinusTeacher, 0.0, 1.0)]
    [InlineData(Point.Random, 0.7, 1.0)]
    [InlineData(Point.NearTeacher, 0.3, 1.0)]
    [InlineData(Point.Zero, 1.0, 1.0)]
    [InlineData(Point.Random, 0.5, 1.3)] // explicit teacher with s* = 1.69: the formula must not assume s* = 1
    public void ClosedFormLossMatchesMonteCarlo(Point point, double sigma, double teacherScale)
    {
        var problem = CoreTestMath.WithScaledTeacher(CoreTestMath.MakeProblem(Dimension, Exponent, seed: 11, sigma: sigma), teacherScale);
        double[] w = MakePoint(problem, point);
        var statistics = new ModelStatistics(problem);
        Span<double> s = stackalloc double[1], u = stackalloc double[1];
        statistics.Moments(w, s, u);
        double closedForm = statistics.Loss(s[0], u[0]);

        var estimate = MonteCarloLoss(problem, w, SeedSequence.RunKey(1000 + (ulong)point, (int)(sigma * 10 + teacherScale * 100)));
        double z = (estimate.Mean - closedForm) / estimate.StandardError;
        output.WriteLine($"{point} σ={sigma} s*={statistics.SStar:F3}: closed {closedForm:G10}, MC {estimate.Mean:G10} ± {estimate.StandardError:G3}, z = {z:F2}");
        Assert.True(Math.Abs(z) < 5, $"closed form {closedForm} vs Monte Carlo {estimate.Mean} ± {estimate.StandardError} (z = {z:F2})");
        // The SE must be small against the loss, or the check would have no teeth.
        Assert.True(estimate.StandardError < 0.01 * closedForm, $"SE {estimate.StandardError} too large against L = {closedForm}");
    }

    private static double[] MakePoint(Problem problem, Point point)
    {
        int d = problem.Dimension;
        var noise = new double[d];
        new ManagedGaussianSource(SeedSequence.Combine(77, (ulong)point)).Fill(noise);
        var w = new double[d];
        for (int i = 0; i < d; i++)
        {
            w[i] = point switch
            {
                Point.Initial => problem.InitialPoint[i],
                Point.Random => 0.4 * noise[i],
                Point.NearTeacher => problem.Teacher[i] + 0.05 * noise[i],
                Point.NearMinusTeacher => -problem.Teacher[i] + 0.05 * noise[i],
                _ => 0,
            };
        }
        return w;
    }

    private static RunningMoments MonteCarloLoss(Problem problem, double[] w, ulong key)
    {
        int d = problem.Dimension;
        ReadOnlySpan<double> sqrtLambda = problem.Spectrum.SqrtLambda, teacher = problem.Teacher;
        var source = new ManagedGaussianSource(key);
        var g = new double[d + 1];
        var moments = new RunningMoments();
        for (int n = 0; n < Samples; n++)
        {
            source.Fill(g);
            double z = 0, zStar = 0;
            for (int i = 0; i < d; i++)
            {
                double x = sqrtLambda[i] * g[i];
                z += x * w[i];
                zStar += x * teacher[i];
            }
            double y = zStar * zStar + problem.Sigma * g[d];
            double residual = z * z - y;
            moments.Add(residual * residual);
        }
        return moments;
    }
}
