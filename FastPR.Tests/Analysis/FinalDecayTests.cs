using FastPR.Core;

namespace FastPR.Tests.Analysis;

public class FinalDecayTests
{
    private static Snapshot At(double t, double u, double mse) => new(t, 0, 1, u, 0, mse, 1 - Math.Abs(u), 0, 0);

    [Fact]
    public void RateComesFromTheMseNotFromOneMinusU()
    {
        var problem = CoreTestMath.MakeProblem(50, 0, seed: 1);
        // 1 − |u| decays at half the MSE's rate, as at finite d; the fit must report the MSE's −0.02.
        var trajectory = Enumerable.Range(0, 60).Select(k => 10.0 * k).Select(t => At(t, 1 - 0.3 * Math.Exp(-0.01 * t), 0.5 * Math.Exp(-0.02 * t))).ToArray();
        var fit = FinalDecay.Fit(problem, trajectory);
        Assert.NotNull(fit);
        Assert.Equal(-0.02, fit.Value.Rate, 1e-12);
        Assert.Equal(300, fit.Value.WindowStart); // the first checkpoint at or after t_end/2 = 295
        Assert.Equal(590, fit.Value.WindowEnd);
    }

    [Fact]
    public void RoundingLevelMseIsLeftOut()
    {
        var problem = CoreTestMath.MakeProblem(50, 0, seed: 1);
        double floor = FinalDecay.RoundingFraction * problem.SigmaStarSquared;
        // The MSE reaches rounding at t = 400 and stays there; the window is the last half of the part above it.
        var trajectory = Enumerable.Range(0, 100).Select(k => 10.0 * k)
            .Select(t => At(t, 1, t < 400 ? Math.Exp(-0.05 * t) : floor / 10)).ToArray();
        var fit = FinalDecay.Fit(problem, trajectory);
        Assert.NotNull(fit);
        Assert.Equal(-0.05, fit.Value.Rate, 1e-12);
        Assert.Equal(390, fit.Value.WindowEnd);
    }

    [Fact]
    public void SignAlignmentTakesEachMembersOwnFinalSign()
    {
        Snapshot[] plus = [At(0, 0.01, 1), At(1, 0.9, 0.1)], minus = [At(0, 0.02, 1), At(1, -0.7, 0.1)];
        var signs = SignAlignment.Of([plus, minus], 2);
        Assert.Equal(0.5, signs.FractionTowardMinus);
        Assert.Equal((0.01 - 0.02) / 2, signs.AlignedU[0], 1e-15);
        Assert.Equal((0.9 + 0.7) / 2, signs.AlignedU[1], 1e-15);
    }
}
