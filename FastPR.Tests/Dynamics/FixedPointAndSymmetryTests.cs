using FastPR.Core;

namespace FastPR.Tests.Dynamics;

/// <summary>±w* are fixed points, s* = 1 for drawn teachers, and everything is invariant under w → −w.</summary>
public class FixedPointAndSymmetryTests
{
    public static TheoryData<int, double, ulong> Problems => new()
    {
        { 1, 1.5, 0 }, { 7, 0.0, 1 }, { 20, 1.5, 2 }, { 100, 0.5, 3 }, { 1000, 2.0, 4 }, { 500, 4.0, 5 }, { 5000, 1.1, 6 },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void PlusAndMinusTeacherAreFixedPointsOfGdAndFlow(int d, double a, ulong seed)
    {
        var problem = CoreTestMath.MakeProblem(d, a, seed);
        using var gd = new PopulationGradientDescent(problem, 0.05);
        using var flow = new GradientFlowRk4(problem, 0.05);
        foreach (double sign in new[] { 1.0, -1.0 })
        {
            foreach (IStepper stepper in new IStepper[] { gd, flow })
            {
                double[] target = problem.Teacher.ToArray();
                for (int i = 0; i < d; i++) target[i] *= sign;
                double[] w = (double[])target.Clone();
                stepper.Step(w);
                double change = CoreTestMath.Distance(w, target) / CoreTestMath.Norm(target);
                Assert.True(change < 1e-15, $"{stepper.Name}, sign {sign}: one step moved ±w* by {change:E2} relative");
            }
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void NoiselessSgdNeverLeavesPlusOrMinusTeacher(double sign)
    {
        // With σ = 0, z = ±z* bit for bit at w = ±w*, so every residual ŷ − y is exactly zero.
        var problem = CoreTestMath.MakeProblem(30, 1.5, 8);
        using var engine = new ReferenceSgdEngine(problem, new SgdSettings(3, 0.05), new ManagedGaussianSource(SeedSequence.RunKey(1)));
        double[] target = problem.Teacher.ToArray();
        for (int i = 0; i < target.Length; i++) target[i] *= sign;
        double[] w = (double[])target.Clone();
        for (int n = 0; n < 1000; n++) engine.Step(w);
        Assert.Equal(target, w);
    }

    [Fact]
    public void GradientAtTeacherVanishes()
    {
        var problem = CoreTestMath.MakeProblem(200, 2.0, 9);
        var gradient = new double[200];
        PopulationGradient.Compute(problem, problem.Teacher, gradient);
        double scale = CoreTestMath.Norm(problem.QTeacher);
        Assert.True(CoreTestMath.Norm(gradient) < 1e-14 * scale, $"‖∇L(w*)‖ = {CoreTestMath.Norm(gradient)}");
        var (alpha, beta) = PopulationGradient.Scalars(problem, problem.Teacher);
        Assert.Equal(-8.0, alpha, 1e-13);
        Assert.Equal(8.0, beta, 1e-13);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void DrawnTeacherHasUnitSStar(int d, double a, ulong seed)
    {
        foreach (ulong offset in new ulong[] { 0, 100, 12345 })
        {
            var problem = CoreTestMath.MakeProblem(d, a, seed + offset);
            double sStar = new ModelStatistics(problem).SStar;
            Assert.True(Math.Abs(sStar - 1) < 1e-14, $"d={d}, a={a}, seed={seed + offset}: s* − 1 = {sStar - 1:E2}");
            var unnormalized = new Problem(new ProblemSpec(d, a, Normalized: false, ProblemSeed: seed + offset));
            sStar = new ModelStatistics(unnormalized).SStar;
            Assert.True(Math.Abs(sStar - 1) < 1e-14, $"unnormalised d={d}, a={a}: s* − 1 = {sStar - 1:E2}");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void StatisticsAreInvariantUnderSignFlip(int d, double a, ulong seed)
    {
        var problem = CoreTestMath.MakeProblem(d, a, seed);
        var statistics = new ModelStatistics(problem);
        double[] w = problem.CopyInitialPoint();
        for (int i = 0; i < d; i++) w[i] += (i % 3 - 1) * 0.4 * problem.Teacher[i];
        double[] minus = w.Select(x => -x).ToArray();
        Assert.Equal(statistics.Mse(w), statistics.Mse(minus)); // bitwise: the two sums swap exactly
        var plus = statistics.Snapshot(w, 1, 1);
        var flipped = statistics.Snapshot(minus, 1, 1);
        Assert.Equal(plus.S, flipped.S);
        Assert.Equal(plus.U, -flipped.U);
        Assert.Equal(plus.Loss, flipped.Loss);
        Assert.Equal(plus.OneMinusAbsU, flipped.OneMinusAbsU);
        Assert.Equal(plus.S2, flipped.S2);
        Assert.Equal(plus.U2, -flipped.U2);

        // MSE is a genuine distance to the nearer of ±w*: zero at both, σ*² at 0.
        Assert.Equal(0.0, statistics.Mse(problem.Teacher));
        Assert.Equal(0.0, statistics.Mse(problem.Teacher.ToArray().Select(x => -x).ToArray()));
        Assert.Equal(problem.SigmaStarSquared, statistics.Mse(new double[d]), 1e-15 * problem.SigmaStarSquared);
    }

    [Fact]
    public void PopulationLossIsZeroAtTeacherAndSigmaSquaredWithNoise()
    {
        Assert.Equal(0.0, ModelStatistics.PopulationLoss(1, 1, 1, 0));
        Assert.Equal(0.0, ModelStatistics.PopulationLoss(1, -1, 1, 0));
        Assert.Equal(0.25, ModelStatistics.PopulationLoss(1, 1, 1, 0.5));
        Assert.Equal(3.0, ModelStatistics.PopulationLoss(0, 0, 1, 0)); // the zero predictor: E[z*⁴] = 3s*²
    }
}
