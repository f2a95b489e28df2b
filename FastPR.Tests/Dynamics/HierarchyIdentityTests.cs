using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Dynamics;

/// <summary>
/// docs/MODEL.md §3.6 hierarchy under gradient flow, k = 1…4:
/// ṡ^(k) = 8(s* − 3s)s^(k+1) + 16u u^(k+1) and u̇^(k) = 4(s* − 3s)u^(k+1) + 8u s*^(k+1).
/// Checked twice: exactly, by the chain rule ṡ^(k) = 2wᵀQ^k ẇ, u̇^(k) = w*ᵀQ^k ẇ with ẇ = −∇L from
/// <see cref="PopulationGradient"/>; and by central finite differences of s^(k), u^(k) along a short RK4 integration.
/// Errors are relative to the scale |first term| + |second term| of the right-hand side, so a near-cancellation
/// cannot make a correct value look wrong.
/// </summary>
public class HierarchyIdentityTests(ITestOutputHelper output)
{
    private const int Levels = 4;

    public static TheoryData<int, double, ulong, double> Cases => new()
    {
        // d, a, seed, mix: w = mix·w* + w(0), so mix > 0 puts u and s at order one.
        { 20, 1.5, 1, 0.0 },
        { 20, 1.5, 2, 0.7 },
        { 200, 2.0, 3, 0.3 },
        { 50, 0.0, 4, 0.5 },
        { 7, 4.0, 5, 1.2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChainRuleMatchesHierarchyExactly(int d, double a, ulong seed, double mix)
    {
        CheckChainRule(CoreTestMath.MakeProblem(d, a, seed), mix);
    }

    [Fact]
    public void ChainRuleMatchesHierarchyForATeacherWithSStarNotOne()
    {
        // s* = 2.25: the hierarchy's s* and s*^(k+1) must be the teacher's, not an assumed 1.
        CheckChainRule(CoreTestMath.WithScaledTeacher(CoreTestMath.MakeProblem(30, 2.0, 6), 1.5), 0.4);
    }

    private void CheckChainRule(Problem problem, double mix)
    {
        int d = problem.Dimension;
        double[] w = StartingPoint(problem, mix);
        var statistics = new ModelStatistics(problem);
        var velocity = new double[d];
        PopulationGradient.Compute(problem, w, velocity);
        for (int i = 0; i < d; i++) velocity[i] = -velocity[i];

        var (sDot, uDot, sScale, uScale) = Hierarchy(problem, w);
        ReadOnlySpan<double> lambda = problem.Spectrum.Lambda, teacher = problem.Teacher;
        for (int k = 1; k <= Levels; k++)
        {
            // Chain rule, summed directly: 2 Σ λ_i^k w_i ẇ_i and Σ λ_i^k w*_i ẇ_i.
            double sChain = 0, uChain = 0;
            for (int i = 0; i < d; i++)
            {
                double power = Math.Pow(lambda[i], k);
                sChain += 2 * power * w[i] * velocity[i];
                uChain += power * teacher[i] * velocity[i];
            }
            double sError = Math.Abs(sChain - sDot[k - 1]) / sScale[k - 1];
            double uError = Math.Abs(uChain - uDot[k - 1]) / uScale[k - 1];
            output.WriteLine($"k={k}: ṡ {sDot[k - 1]:G8} rel.err {sError:E1}; u̇ {uDot[k - 1]:G8} rel.err {uError:E1}");
            Assert.True(sError < 1e-12, $"k={k}: chain rule ṡ = {sChain}, hierarchy {sDot[k - 1]}");
            Assert.True(uError < 1e-12, $"k={k}: chain rule u̇ = {uChain}, hierarchy {uDot[k - 1]}");
        }
    }

    /// <summary>
    /// Central difference over 2Δ with Δ = 2·10^-5 around the midpoint of an RK4 run with h = 2·10^-6:
    /// truncation ≈ Δ²·|s'''/ṡ|/6 ≲ 4·10^-10·O(10^3)/6 relative, rounding ~ 10^-16/Δ ≈ 5·10^-12, RK4 error ~ (rate·h)^4: all well below 10^-6.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void FiniteDifferencesAlongRk4FlowMatchHierarchy(int d, double a, ulong seed, double mix)
    {
        const double delta = 2e-5, h = 2e-6;
        const int stepsPerDelta = 10;
        var problem = CoreTestMath.MakeProblem(d, a, seed);
        double[] w = StartingPoint(problem, mix);
        var statistics = new ModelStatistics(problem);
        using var flow = new GradientFlowRk4(problem, h);

        var sBefore = new double[Levels]; var uBefore = new double[Levels];
        statistics.Moments(w, sBefore, uBefore);
        for (int n = 0; n < stepsPerDelta; n++) flow.Step(w);
        var (sDot, uDot, sScale, uScale) = Hierarchy(problem, w);
        for (int n = 0; n < stepsPerDelta; n++) flow.Step(w);
        var sAfter = new double[Levels]; var uAfter = new double[Levels];
        statistics.Moments(w, sAfter, uAfter);
        Assert.Equal(delta, stepsPerDelta * h, 1e-15);

        for (int k = 1; k <= Levels; k++)
        {
            double sFd = (sAfter[k - 1] - sBefore[k - 1]) / (2 * delta);
            double uFd = (uAfter[k - 1] - uBefore[k - 1]) / (2 * delta);
            double sError = Math.Abs(sFd - sDot[k - 1]) / sScale[k - 1];
            double uError = Math.Abs(uFd - uDot[k - 1]) / uScale[k - 1];
            output.WriteLine($"k={k}: ṡ {sDot[k - 1]:G8} fd rel.err {sError:E1}; u̇ {uDot[k - 1]:G8} fd rel.err {uError:E1}");
            Assert.True(sError < 1e-6, $"k={k}: finite difference ṡ = {sFd}, hierarchy {sDot[k - 1]}");
            Assert.True(uError < 1e-6, $"k={k}: finite difference u̇ = {uFd}, hierarchy {uDot[k - 1]}");
        }
    }

    private static double[] StartingPoint(Problem problem, double mix)
    {
        double[] w = problem.CopyInitialPoint();
        for (int i = 0; i < w.Length; i++) w[i] += mix * problem.Teacher[i];
        return w;
    }

    /// <summary>The hierarchy's right-hand sides for k = 1…4 and the magnitudes of their terms.</summary>
    private static (double[] SDot, double[] UDot, double[] SScale, double[] UScale) Hierarchy(Problem problem, ReadOnlySpan<double> w)
    {
        var statistics = new ModelStatistics(problem);
        var s = new double[Levels + 1]; var u = new double[Levels + 1]; var sStar = new double[Levels + 1];
        statistics.Moments(w, s, u);
        statistics.TeacherMoments(sStar);
        var sDot = new double[Levels]; var uDot = new double[Levels]; var sScale = new double[Levels]; var uScale = new double[Levels];
        double alpha = sStar[0] - 3 * s[0];
        for (int k = 1; k <= Levels; k++)
        {
            double s1 = 8 * alpha * s[k], s2 = 16 * u[0] * u[k];
            double u1 = 4 * alpha * u[k], u2 = 8 * u[0] * sStar[k];
            sDot[k - 1] = s1 + s2; sScale[k - 1] = Math.Abs(s1) + Math.Abs(s2);
            uDot[k - 1] = u1 + u2; uScale[k - 1] = Math.Abs(u1) + Math.Abs(u2);
        }
        return (sDot, uDot, sScale, uScale);
    }
}
