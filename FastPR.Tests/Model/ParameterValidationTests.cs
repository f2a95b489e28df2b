using FastPR.Core;

namespace FastPR.Tests.Model;

/// <summary>Every bad parameter is rejected with an exception whose ParamName and message name it and its allowed range.</summary>
public class ParameterValidationTests
{
    private static void AssertNamed(ArgumentException e, string name, string range)
    {
        Assert.Equal(name, e.ParamName);
        Assert.StartsWith($"{name} must be {range}", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(int.MinValue)]
    public void DimensionBelowOneIsRejected(int d)
    {
        AssertNamed(Assert.Throws<ArgumentOutOfRangeException>(() => Spectrum.PowerLaw(d, 1.5)), "d", "≥ 1");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Problem(new ProblemSpec(d, 1.5)));
        AssertNamed(e, "Dimension", "≥ 1");
        Assert.Contains($"(got {d})", e.Message);
    }

    [Theory]
    [InlineData(-1e-300)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void ExponentMustBeFiniteAndNonNegative(double a)
    {
        AssertNamed(Assert.Throws<ArgumentOutOfRangeException>(() => Spectrum.PowerLaw(10, a)), "a", "finite and ≥ 0");
        AssertNamed(Assert.Throws<ArgumentOutOfRangeException>(() => new Problem(new ProblemSpec(10, a))), "Exponent", "finite and ≥ 0");
    }

    [Fact]
    public void ExponentZeroAndDimensionOneAreAccepted()
    {
        var spectrum = Spectrum.PowerLaw(1, 0);
        Assert.Equal(1.0, spectrum.Lambda1);
        Assert.Equal(1.0, CoreTestMath.MakeProblem(1, 0, 0).Spectrum.HarmonicNumber);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void SigmaMustBeFiniteAndNonNegative(double sigma)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Problem(new ProblemSpec(10, 1.5, Sigma: sigma)));
        AssertNamed(e, "Sigma", "finite and ≥ 0");
    }

    [Fact]
    public void UndefinedInitIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Problem(new ProblemSpec(10, 1.5, Init: (InitialPoint)7)));
        Assert.Equal("Init", e.ParamName);
        Assert.Contains("Sphere or Gaussian", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void BatchBelowOneIsRejected(int batch)
    {
        var problem = CoreTestMath.MakeProblem(10, 1.5, 0);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ReferenceSgdEngine(problem, new SgdSettings(batch, 0.01), new ManagedGaussianSource(1)));
        AssertNamed(e, "BatchSize", "≥ 1");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void EtaMustBeFiniteAndPositive(double eta)
    {
        var problem = CoreTestMath.MakeProblem(10, 1.5, 0);
        AssertNamed(Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ReferenceSgdEngine(problem, new SgdSettings(1, eta), new ManagedGaussianSource(1))), "LearningRate", "finite and > 0");
        AssertNamed(Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationGradientDescent(problem, eta)), "eta", "finite and > 0");
        AssertNamed(Assert.Throws<ArgumentOutOfRangeException>(() => new GradientFlowRk4(problem, eta)), "h", "finite and > 0");
    }

    [Fact]
    public void MomentLevelsBelowOneAreRejected()
    {
        var problem = CoreTestMath.MakeProblem(10, 1.5, 0);
        var statistics = new ModelStatistics(problem);
        double[] w = problem.CopyInitialPoint();
        AssertNamed(Assert.Throws<ArgumentOutOfRangeException>(() => statistics.Moments(w, [], [])), "K", "≥ 1");
        AssertNamed(Assert.Throws<ArgumentOutOfRangeException>(() => statistics.TeacherMoments([])), "K", "≥ 1");
    }

    [Fact]
    public void MismatchedLengthsNameTheBuffer()
    {
        var problem = CoreTestMath.MakeProblem(10, 1.5, 0);
        var statistics = new ModelStatistics(problem);
        var e = Assert.Throws<ArgumentException>(() => statistics.Moments(new double[10], new double[3], new double[2]));
        Assert.Equal("u", e.ParamName);
        Assert.StartsWith("u must have length 3 (got 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => statistics.Mse(new double[9]));
        Assert.Equal("w", e.ParamName);

        e = Assert.Throws<ArgumentException>(() => PopulationGradient.Compute(problem, new double[10], new double[11]));
        Assert.Equal("gradient", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => PopulationGradient.Compute(problem, new double[9], new double[10]));
        Assert.Equal("w", e.ParamName);

        using var engine = new ReferenceSgdEngine(problem, new SgdSettings(2, 0.01), new ManagedGaussianSource(1));
        e = Assert.Throws<ArgumentException>(() => engine.Update(new double[10], new double[19]));
        Assert.Equal("gaussians", e.ParamName);
        Assert.StartsWith("gaussians must have length 20 (got 19)", e.Message);
    }
}
