using FastPR.Core;

namespace FastPR.Tests.Dynamics;

/// <summary>The exponential leap the log-time integrators apply (SelfConsistentLeap.Apply): exact for frozen scalars.</summary>
public class LeapTests
{
    private static readonly Problem Problem = new(new ProblemSpec(500, 2, ProblemSeed: 3));

    private static void Flow(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, double alpha, double beta, double h, Span<double> w) =>
        SelfConsistentLeap.Apply(new FlowCoefficients(h), lambda, teacher, w, alpha, beta, out _);

    private static void GradientDescent(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, double alpha, double beta, double eta, long steps, Span<double> w) =>
        SelfConsistentLeap.Apply(new GdCoefficients(eta, steps), lambda, teacher, w, alpha, beta, out _);

    [Theory]
    [InlineData(3.1, 0.4)]
    [InlineData(-7.9, 8.2)]
    public void OneFlowLeapEqualsManySmallLeapsAndTheAnalyticSolution(double alpha, double beta)
    {
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        double time = 3.7;
        var big = Problem.CopyInitialPoint();
        var small = Problem.CopyInitialPoint();
        Flow(lambda, teacher, alpha, beta, time, big);
        for (int k = 0; k < 1000; k++) Flow(lambda, teacher, alpha, beta, time / 1000, small);
        var w0 = Problem.InitialPoint;
        for (int i = 0; i < big.Length; i++)
        {
            // ẇ = λ(αw + βw*) has the fixed point −βw*/α: w(t) = e^{λαt}(w0 + βw*/α) − βw*/α.
            double fixedPoint = -beta * teacher[i] / alpha;
            double analytic = Math.Exp(lambda[i] * alpha * time) * (w0[i] - fixedPoint) + fixedPoint;
            double scale = Math.Max(Math.Abs(analytic), Math.Abs(fixedPoint));
            Assert.True(Math.Abs(big[i] - analytic) <= 1e-12 * scale, $"i = {i}: leap {big[i]:R}, analytic {analytic:R}");
            Assert.True(Math.Abs(big[i] - small[i]) <= 1e-12 * scale, $"i = {i}: one leap {big[i]:R}, 1000 leaps {small[i]:R}");
        }
    }

    [Fact]
    public void FlowLeapHasTheRightLimitAsAlphaVanishes()
    {
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        double beta = 0.3, h = 2.0;
        var atZero = Problem.CopyInitialPoint();
        var nearZero = Problem.CopyInitialPoint();
        Flow(lambda, teacher, 0, beta, h, atZero);
        Flow(lambda, teacher, 1e-13, beta, h, nearZero);
        var w0 = Problem.InitialPoint;
        for (int i = 0; i < atZero.Length; i++)
        {
            Assert.Equal(w0[i] + lambda[i] * h * beta * teacher[i], atZero[i], 15);
            // α = 1e-13 differs from the limit only by O(λαh) relative: no cancellation blow-up.
            Assert.True(Math.Abs(nearZero[i] - atZero[i]) <= 1e-12 * (Math.Abs(atZero[i]) + Math.Abs(teacher[i])));
        }
    }

    [Theory]
    [InlineData(3.7, 0.2, 0.001, 1000)]
    [InlineData(-8.0, 8.0, 0.01, 5000)]
    [InlineData(1e-15, 0.5, 0.01, 300)]
    public void GdLeapEqualsRepeatedSingleSteps(double alpha, double beta, double eta, int steps)
    {
        ReadOnlySpan<double> lambda = Problem.Spectrum.Lambda, teacher = Problem.Teacher;
        var leap = Problem.CopyInitialPoint();
        var stepped = Problem.CopyInitialPoint();
        GradientDescent(lambda, teacher, alpha, beta, eta, steps, leap);
        for (int k = 0; k < steps; k++)
        {
            for (int i = 0; i < stepped.Length; i++) stepped[i] += eta * lambda[i] * (alpha * stepped[i] + beta * teacher[i]);
        }
        for (int i = 0; i < leap.Length; i++)
        {
            double scale = Math.Max(Math.Abs(stepped[i]), Math.Abs(teacher[i]));
            Assert.True(Math.Abs(leap[i] - stepped[i]) <= 1e-12 * scale, $"i = {i}: leap {leap[i]:R}, stepped {stepped[i]:R}");
        }
    }
}
