using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Dynamics;

/// <summary>
/// With a = 0 the spectrum is flat, Q = c·I (c = 1/d normalised, c = 1 otherwise), so s^(k+1) = c^k s, u^(k+1) = c^k u,
/// s*^(k+1) = c^k s*, and the k = 1 hierarchy closes:
///   ṡ = c·(8(s* − 3s)s + 16u²),   u̇ = c·(4(s* − 3s)u + 8s*u) = 12c·(s* − s)u.
/// This 2-D ODE, integrated here by an independent RK4, must match the statistics of <see cref="GradientFlowRk4"/> on the
/// full d-dimensional state to 1e-8 relative along the whole trajectory (escape and convergence).
/// </summary>
public class IsotropicCollapseTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(16, true, 1UL, 40.0)]
    [InlineData(100, true, 2UL, 150.0)]
    [InlineData(30, false, 3UL, 3.0)]
    public void FullFlowStatisticsFollowTheClosedTwoDimensionalOde(int d, bool normalized, ulong seed, double horizon)
    {
        const double h = 1e-3;
        var problem = new Problem(new ProblemSpec(d, 0.0, Normalized: normalized, ProblemSeed: seed));
        double c = normalized ? 1.0 / d : 1.0;
        Assert.All(problem.Spectrum.Lambda.ToArray(), lambda => Assert.Equal(c, lambda, 1e-15));
        var statistics = new ModelStatistics(problem);
        double sStar = statistics.SStar;

        double[] w = problem.CopyInitialPoint();
        var first = statistics.Snapshot(w, 0, 0);
        double s = first.S, u = first.U;
        using var flow = new GradientFlowRk4(problem, h);
        int steps = (int)Math.Round(horizon / h), reportEvery = steps / 20;
        double worst = 0, uMax = Math.Abs(u);
        for (int n = 1; n <= steps; n++)
        {
            flow.Step(w);
            (s, u) = Rk4Step(s, u, sStar, c, h);
            if (n % reportEvery != 0) continue;
            var snapshot = statistics.Snapshot(w, n * h, n);
            double sError = Math.Abs(snapshot.S - s) / Math.Abs(s), uError = Math.Abs(snapshot.U - u) / Math.Abs(u);
            worst = Math.Max(worst, Math.Max(sError, uError));
            uMax = Math.Max(uMax, Math.Abs(u));
            Assert.True(sError < 1e-8, $"t={n * h}: flow s = {snapshot.S}, ODE s = {s}");
            Assert.True(uError < 1e-8, $"t={n * h}: flow u = {snapshot.U}, ODE u = {u}");
        }
        output.WriteLine($"d={d} normalised={normalized}: u(0) = {first.U:G3}, u(T) = {u:G6}, s(T) = {s:G6}, worst rel. error {worst:E1}");
        // The horizon must cover the escape, or the comparison would only test the linear regime.
        Assert.True(Math.Abs(u) > 0.9 && uMax > 10 * Math.Abs(first.U), $"u only went from {first.U} to {u}");
    }

    private static (double S, double U) Rk4Step(double s, double u, double sStar, double c, double h)
    {
        var (s1, u1) = Velocity(s, u, sStar, c);
        var (s2, u2) = Velocity(s + h / 2 * s1, u + h / 2 * u1, sStar, c);
        var (s3, u3) = Velocity(s + h / 2 * s2, u + h / 2 * u2, sStar, c);
        var (s4, u4) = Velocity(s + h * s3, u + h * u3, sStar, c);
        return (s + h / 6 * (s1 + 2 * s2 + 2 * s3 + s4), u + h / 6 * (u1 + 2 * u2 + 2 * u3 + u4));
    }

    private static (double SDot, double UDot) Velocity(double s, double u, double sStar, double c) =>
        (c * (8 * (sStar - 3 * s) * s + 16 * u * u), c * (4 * (sStar - 3 * s) * u + 8 * sStar * u));
}
