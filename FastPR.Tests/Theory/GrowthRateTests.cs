using FastPR.Core;

namespace FastPR.Tests.Theory;

public class GrowthRateTests
{
    [Fact]
    public void SingleTeacherCoordinateHasTheClosedFormRoot()
    {
        // Only w*_j ≠ 0 (normalised so s* = λ_j w*_j² = 1): F(ρ) = 8 w*_j² λ_j² / (ρ − 4λ_j), root ρ = 4λ_j + 8 w*_j² λ_j².
        var lambda = Spectrum.PowerLaw(200, 2).Lambda.ToArray();
        int j = 6;
        var teacher = new double[lambda.Length];
        teacher[j] = 1 / Math.Sqrt(lambda[j]);
        var rate = GrowthRate.Solve(lambda, teacher);
        double expected = 4 * lambda[j] + 8 * teacher[j] * teacher[j] * lambda[j] * lambda[j];
        Assert.True(Math.Abs(rate.Rho / expected - 1) < 1e-12, $"ρ = {rate.Rho:R}, expected {expected:R}");
        Assert.Equal(j, rate.TopIndex); // the pole is 4λ_j, not 4λ_1: the teacher has no weight on directions 1…j
        Assert.True(Math.Abs(rate.Pole / (4 * lambda[j]) - 1) < 1e-15);
    }

    [Fact]
    public void TwoLevelSpectrumSolvesTheQuadratic()
    {
        // λ takes two values; with A, B the summed (w*λ)² of each level, F(ρ) = 1 is
        // ρ² − (p_a + p_b + 8A + 8B)ρ + p_a p_b + 8A p_b + 8B p_a = 0, p = 4 s* λ.
        double la = 0.3, lb = 0.05;
        double[] lambda = [la, la, la, lb, lb, lb, lb, lb];
        double[] teacher = [0.7, -0.2, 1.1, 2.0, -0.5, 0.9, 1.5, -1.2];
        double sStar = 0, a = 0, b = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            sStar += lambda[i] * teacher[i] * teacher[i];
            double c = teacher[i] * lambda[i] * teacher[i] * lambda[i];
            if (lambda[i] == la) a += c; else b += c;
        }
        double pa = 4 * sStar * la, pb = 4 * sStar * lb;
        double p = pa + pb + 8 * a + 8 * b, q = pa * pb + 8 * a * pb + 8 * b * pa;
        double expected = (p + Math.Sqrt(p * p - 4 * q)) / 2;
        var rate = GrowthRate.Solve(lambda, teacher);
        Assert.True(Math.Abs(rate.Rho / expected - 1) < 1e-12, $"ρ = {rate.Rho:R}, expected {expected:R}");
        Assert.True(Math.Abs(GrowthRate.Dispersion(lambda, teacher, rate.Rho) - 1) < 1e-12);
    }

    [Fact]
    public void DegenerateIsotropicSpectrumHasOnePole()
    {
        // a = 0: all λ equal, λ‖w*‖² = s*, so F(ρ) = 8λ s*/(ρ − 4s*λ) and ρ = 12 s* λ (the isotropic u̇ = 12λu at s* = 1).
        var problem = new Problem(new ProblemSpec(300, 0, ProblemSeed: 5));
        var rate = GrowthRate.Solve(problem);
        double lambda = problem.Spectrum.Lambda1;
        Assert.True(Math.Abs(rate.Rho / (12 * lambda * rate.SStar) - 1) < 1e-12, $"ρ = {rate.Rho:R}, 12λ = {12 * lambda:R}");
        Assert.Equal(0, rate.TopIndex);
    }

    [Fact]
    public void RootSatisfiesTheDispersionRelationOnADrawnProblem()
    {
        var problem = new Problem(new ProblemSpec(2000, 2, ProblemSeed: 2));
        var rate = GrowthRate.Solve(problem);
        Assert.True(rate.Rho > rate.Pole);
        Assert.Equal(0, rate.TopIndex);
        Assert.True(Math.Abs(GrowthRate.Dispersion(problem.Spectrum.Lambda, problem.Teacher, rate.Rho) - 1) < 1e-11);
        // Relative 1e-12 on ρ: F changes by a detectable amount a relative 1e-11 away on either side.
        Assert.True(GrowthRate.Dispersion(problem.Spectrum.Lambda, problem.Teacher, rate.Rho * (1 - 1e-11)) > 1);
        Assert.True(GrowthRate.Dispersion(problem.Spectrum.Lambda, problem.Teacher, rate.Rho * (1 + 1e-11)) < 1);
    }

    [Fact]
    public void TinyTopWeightStillGivesARootAboveThePole()
    {
        // With the other terms summing to r = 8Σ_{i>1} c_i/(p_1 − p_i) < 1 at the pole, the gap is ρ − p_1 ≈ 8c_1/(1 − r),
        // far below ulp(p_1); solving for the gap keeps it to full relative precision.
        double[] lambda = [1.0, 0.1, 0.05];
        double[] teacher = [1e-12, 1.0, 1.0];
        double sStar = 0.1 + 0.05 + 1e-24;
        double rest = 8 * (0.01 / (4 * sStar * 0.9) + 0.0025 / (4 * sStar * 0.95));
        var rate = GrowthRate.Solve(lambda, teacher);
        Assert.Equal(0, rate.TopIndex);
        double expectedGap = 8e-24 / (1 - rest);
        Assert.True(Math.Abs(rate.Gap / expectedGap - 1) < 1e-10, $"gap = {rate.Gap:R}, expected {expectedGap:R}");
        Assert.Equal(rate.Pole, rate.Rho); // indistinguishable in double, as it should be
    }

    [Fact]
    public void NoRootWhenTheTeacherHasNoWeight()
    {
        var lambda = Spectrum.PowerLaw(50, 2).Lambda.ToArray();
        var teacher = new double[50];
        Assert.False(GrowthRate.TrySolve(lambda, teacher, out _, out string? reason));
        Assert.Contains("no weight", reason);
        var error = Assert.Throws<InvalidOperationException>(() => GrowthRate.Solve(lambda, teacher));
        Assert.Contains("has no root", error.Message);
    }

    [Fact]
    public void RejectsNonFiniteInput()
    {
        double[] lambda = [1.0, double.NaN];
        double[] teacher = [1.0, 1.0];
        Assert.Throws<ArgumentException>(() => GrowthRate.Solve(lambda, teacher));
        Assert.Throws<ArgumentException>(() => GrowthRate.Solve(lambda, [1.0]));
    }

    [Fact]
    public void EscapeTimeIsLogOfThresholdOverResidue()
    {
        Assert.Equal(Math.Log(0.05 / 0.002) / 2.5, GrowthRate.EscapeTime(-0.002, 2.5)!.Value, 15);
        Assert.Null(GrowthRate.EscapeTime(0, 2.5));
        Assert.Equal(0, GrowthRate.EscapeTime(0.2, 2.5));
    }
}
