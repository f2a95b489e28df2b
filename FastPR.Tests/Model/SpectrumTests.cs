using FastPR.Core;

namespace FastPR.Tests.Model;

/// <summary>Any positive diagonal covariance, any teacher and initial point.</summary>
public class SpectrumTests
{
    private static readonly double[] Unordered = [0.02, 0.5, 0.001, 0.3, 0.07, 0.1];

    [Fact]
    public void FromEigenvalues_KeepsTheOrder_AndHasNoPowerLawQuantities()
    {
        var spectrum = Spectrum.FromEigenvalues(Unordered);
        Assert.Equal(Unordered, spectrum.Lambda.ToArray());
        Assert.Equal(0.5, spectrum.Lambda1);
        Assert.Equal(0.001, spectrum.Smallest);
        Assert.Equal(Unordered.Sum(), spectrum.Trace, 15);
        Assert.Equal(1 / (8 * 0.001), spectrum.CutoffTime, 12);
        for (int i = 0; i < Unordered.Length; i++) Assert.Equal(Math.Sqrt(Unordered[i]), spectrum.SqrtLambda[i]);
        Assert.False(spectrum.IsPowerLaw);
        Assert.Null(spectrum.Exponent);
        Assert.Null(spectrum.HarmonicNumber);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FromEigenvalues_RejectsANonPositiveOrNonFiniteValue(double bad)
    {
        var ex = Assert.Throws<ArgumentException>(() => Spectrum.FromEigenvalues([0.3, bad, 0.1]));
        Assert.Equal("eigenvalues", ex.ParamName);
        Assert.Contains("Eigenvalue 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal("eigenvalues", Assert.Throws<ArgumentException>(() => Spectrum.FromEigenvalues([])).ParamName);
        Assert.Equal("eigenvalues", Assert.Throws<ArgumentException>(() => new Problem(ProblemSpec.ForEigenvalues([0.3, bad]))).ParamName);
    }

    [Fact]
    public void PowerLawGivenAsEigenvalues_IsTheSameProblemAndTrajectory_BitForBit()
    {
        var powerLaw = new Problem(new ProblemSpec(200, 2, ProblemSeed: 5));
        var given = new Problem(ProblemSpec.ForEigenvalues(powerLaw.Spectrum.Lambda.ToArray(), problemSeed: 5));
        Assert.Equal(powerLaw.Teacher.ToArray(), given.Teacher.ToArray());
        Assert.Equal(powerLaw.InitialPoint.ToArray(), given.InitialPoint.ToArray());
        Assert.Equal(powerLaw.SStar, given.SStar);
        Assert.Equal(powerLaw.Spectrum.CutoffTime, given.Spectrum.CutoffTime);

        double[] Run(Problem problem)
        {
            using var engine = new ReferenceSgdEngine(problem, new SgdSettings(4, 0.01), new ManagedGaussianSource(SeedSequence.RunKey(3)));
            var w = problem.CopyInitialPoint();
            for (int i = 0; i < 500; i++) engine.Step(w);
            return w;
        }
        Assert.Equal(Run(powerLaw), Run(given));

        var theory = TheorySummary.For(given);
        Assert.Equal(TheorySummary.For(powerLaw).Rho, theory.Rho);
        Assert.Null(theory.Hda);
        Assert.Null(theory.TeacherAveragedExponent);
        Assert.Null(theory.BoundExponent);
    }

    [Fact]
    public void GrowthRate_DoesNotDependOnTheOrderOfTheEigenvalues()
    {
        var problem = new Problem(ProblemSpec.ForEigenvalues(Unordered, problemSeed: 2));
        int[] order = [2, 0, 5, 1, 4, 3];
        var permuted = new Problem(ProblemSpec.ForEigenvalues(order.Select(i => Unordered[i]).ToArray()) with
        {
            Teacher = order.Select(i => problem.Teacher[i]).ToArray(),
            ScaleTeacher = false,
            Initial = order.Select(i => problem.InitialPoint[i]).ToArray(),
        });
        var a = TheorySummary.For(problem);
        var b = TheorySummary.For(permuted);
        Assert.Equal(a.Rho!.Value, b.Rho!.Value, 12);
        Assert.Equal(a.C!.Value, b.C!.Value, 12);
        Assert.Equal(a.U0, b.U0, 14);
    }

    [Fact]
    public void GivenTeacher_IsScaledToUnitSStar_UnlessKeptAsGiven()
    {
        double[] teacher = [3, -1, 0.5, 2, 0, 1];
        var scaled = new Problem(ProblemSpec.ForEigenvalues(Unordered) with { Teacher = teacher });
        Assert.Equal(1.0, scaled.SStar, 14);
        double ratio = scaled.Teacher[0] / teacher[0];
        for (int i = 0; i < teacher.Length; i++) Assert.Equal(teacher[i] * ratio, scaled.Teacher[i], 14);

        var kept = new Problem(ProblemSpec.ForEigenvalues(Unordered) with { Teacher = teacher, ScaleTeacher = false });
        Assert.Equal(teacher, kept.Teacher.ToArray());
        Assert.Equal(teacher.Select((t, i) => Unordered[i] * t * t).Sum(), kept.SStar, 14);

        double[] initial = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
        var started = new Problem(ProblemSpec.ForEigenvalues(Unordered) with { Initial = initial });
        Assert.Equal(initial, started.InitialPoint.ToArray());
        // Giving w(0) leaves the drawn teacher as the seed alone makes it.
        Assert.Equal(new Problem(ProblemSpec.ForEigenvalues(Unordered)).Teacher.ToArray(), started.Teacher.ToArray());
    }

    [Fact]
    public void BadTeacherOrInitialPoint_NamesTheParameter()
    {
        var spec = ProblemSpec.ForEigenvalues(Unordered);
        Assert.Equal("teacher", Assert.Throws<ArgumentException>(() => new Problem(spec with { Teacher = new double[5] })).ParamName);
        Assert.Equal("teacher", Assert.Throws<ArgumentException>(() => new Problem(spec with { Teacher = new double[6] })).ParamName); // zero: cannot scale
        Assert.Equal("teacher", Assert.Throws<ArgumentException>(() => new Problem(spec with { Teacher = [1, 2, double.NaN, 0, 0, 1] })).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentException>(() => new Problem(spec with { Initial = new double[7] })).ParamName);
        Assert.Equal("eigenvalues", Assert.Throws<ArgumentException>(() => new Problem(spec with { Dimension = 5 })).ParamName);
    }
}
