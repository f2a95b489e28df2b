using FastPR.Core;

namespace FastPR.Tests.Model;

/// <summary>The spectrum, the teacher and the initial point (docs/MODEL.md §1).</summary>
public class ProblemTests
{
    [Theory]
    [InlineData(1, 1.5)]
    [InlineData(10, 0.0)]
    [InlineData(1000, 2.0)]
    [InlineData(100_000, 1.1)]
    public void SpectrumIsTheNormalisedPowerLaw(int d, double a)
    {
        var spectrum = Spectrum.PowerLaw(d, a);
        var raw = Spectrum.PowerLaw(d, a, normalized: false);
        double trace = 0;
        for (int i = 0; i < d; i++)
        {
            trace += spectrum.Lambda[i];
            Assert.Equal(Math.Pow(i + 1, -a), raw.Lambda[i], 1e-15);
            Assert.Equal(raw.Lambda[i] / spectrum.HarmonicNumber!.Value, spectrum.Lambda[i], 1e-15 * spectrum.Lambda[i]);
            Assert.Equal(spectrum.Lambda[i], spectrum.SqrtLambda[i] * spectrum.SqrtLambda[i], 4e-16 * spectrum.Lambda[i]);
            if (i > 0) Assert.True(spectrum.Lambda[i] <= spectrum.Lambda[i - 1]);
        }
        Assert.Equal(1.0, trace, 1e-12);
        Assert.Equal(1.0, raw.Lambda1);
        Assert.Equal(raw.HarmonicNumber!.Value, spectrum.HarmonicNumber!.Value);
        Assert.Equal(spectrum.HarmonicNumber!.Value * Math.Pow(d, a) / 8, spectrum.CutoffTime, 1e-12 * spectrum.CutoffTime);
        if (a == 0) Assert.Equal(d, spectrum.HarmonicNumber!.Value, 1e-12 * d);
    }

    [Fact]
    public void HarmonicNumberMatchesKnownValue()
    {
        // H_{n,2} = π²/6 − Σ_{j>n} j^-2, and by Euler–Maclaurin the tail is 1/n − 1/(2n²) + 1/(6n³) + O(n^-5).
        const int n = 100_000;
        double tail = 1.0 / n - 1.0 / (2.0 * n * n) + 1.0 / (6.0 * n * n * n);
        Assert.Equal(Math.PI * Math.PI / 6 - tail, Spectrum.PowerLaw(n, 2).HarmonicNumber!.Value, 1e-15);
    }

    [Theory]
    [InlineData(InitialPoint.Sphere)]
    [InlineData(InitialPoint.Gaussian)]
    public void SameSeedGivesTheSameProblemBitwise(InitialPoint init)
    {
        var first = CoreTestMath.MakeProblem(300, 1.5, 17, init: init);
        var second = CoreTestMath.MakeProblem(300, 1.5, 17, init: init);
        var other = CoreTestMath.MakeProblem(300, 1.5, 18, init: init);
        Assert.Equal(first.Teacher.ToArray(), second.Teacher.ToArray());
        Assert.Equal(first.InitialPoint.ToArray(), second.InitialPoint.ToArray());
        Assert.NotEqual(first.Teacher.ToArray(), other.Teacher.ToArray());
        Assert.NotEqual(first.InitialPoint.ToArray(), other.InitialPoint.ToArray());
        // The label noise and the spectrum do not enter the draws: the teacher's direction depends on the seed alone.
        var noisy = CoreTestMath.MakeProblem(300, 1.5, 17, sigma: 0.5, init: init);
        Assert.Equal(first.Teacher.ToArray(), noisy.Teacher.ToArray());
    }

    [Fact]
    public void TeacherAndInitialPointComeFromTheProblemStream()
    {
        const int d = 40;
        var problem = CoreTestMath.MakeProblem(d, 2.0, 5);
        var draws = new double[2 * d];
        new ManagedGaussianSource(SeedSequence.ProblemKey(5)).Fill(draws);
        double qNorm = 0, norm = 0;
        for (int i = 0; i < d; i++)
        {
            qNorm += problem.Spectrum.Lambda[i] * draws[i] * draws[i];
            norm += draws[d + i] * draws[d + i];
        }
        for (int i = 0; i < d; i++)
        {
            Assert.Equal(draws[i] / Math.Sqrt(qNorm), problem.Teacher[i], 1e-15 * Math.Abs(problem.Teacher[i]) + 1e-300);
            Assert.Equal(draws[d + i] / Math.Sqrt(norm), problem.InitialPoint[i], 1e-15);
            Assert.Equal(problem.Spectrum.Lambda[i] * problem.Teacher[i], problem.QTeacher[i]);
            Assert.Equal(problem.Spectrum.SqrtLambda[i] * problem.Teacher[i], problem.SqrtQTeacher[i]);
        }
        Assert.Equal(problem.Teacher.ToArray().Sum(x => x * x) / d, problem.SigmaStarSquared, 1e-14);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(20_000)]
    public void SphereInitialPointHasUnitNorm(int d)
    {
        for (ulong seed = 0; seed < 5; seed++)
            Assert.Equal(1.0, CoreTestMath.Norm(CoreTestMath.MakeProblem(d, 1.5, seed).InitialPoint), 1e-14);
    }

    /// <summary>
    /// N(0, I/d): ‖w‖ = χ_d/√d, whose standard deviation is about 1/√(2d). Each draw lies within 4 of those from 1,
    /// and over 200 seeds the mean of ‖w‖² (variance 2/d each) lies within 4 standard errors of 1.
    /// </summary>
    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(2000)]
    public void GaussianInitialPointHasNormNearOne(int d)
    {
        const int seeds = 200;
        double sum = 0;
        for (ulong seed = 0; seed < seeds; seed++)
        {
            var problem = CoreTestMath.MakeProblem(d, 1.5, seed, init: InitialPoint.Gaussian);
            double norm = CoreTestMath.Norm(problem.InitialPoint);
            Assert.InRange(norm, 1 - 4 / Math.Sqrt(2.0 * d), 1 + 4 / Math.Sqrt(2.0 * d));
            sum += norm * norm;
            // Same underlying draws as the sphere point: only the scaling differs.
            var sphere = CoreTestMath.MakeProblem(d, 1.5, seed);
            for (int i = 0; i < d; i++) Assert.Equal(sphere.InitialPoint[i] * norm, problem.InitialPoint[i], 1e-14);
        }
        double standardError = Math.Sqrt(2.0 / d / seeds);
        Assert.InRange(sum / seeds, 1 - 4 * standardError, 1 + 4 * standardError);
    }

    [Fact]
    public void ExplicitTeacherAndInitialPointAreCopiedAsGiven()
    {
        var spec = new ProblemSpec(3, 1.0, Sigma: 0.2);
        double[] teacher = [1, 2, 3], initial = [0.5, 0, -0.5];
        var problem = new Problem(spec, teacher, initial);
        teacher[0] = 99;
        initial[0] = 99;
        Assert.Equal([1.0, 2, 3], problem.Teacher.ToArray());
        Assert.Equal([0.5, 0, -0.5], problem.InitialPoint.ToArray());
        Assert.Equal(0.2, problem.Sigma);
        double[] copy = problem.CopyInitialPoint();
        copy[1] = 7;
        Assert.Equal(0.0, problem.InitialPoint[1]);
        var e = Assert.Throws<ArgumentException>(() => new Problem(spec, new double[2], new double[3]));
        Assert.Equal("teacher", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new Problem(spec, new double[3], new double[4]));
        Assert.Equal("initial", e.ParamName);
    }

    // A non-zero teacher whose s* underflows with this spectrum is not "zero": the message says what happened.
    [Fact]
    public void TeacherWhoseEnergyLeavesTheDoubleRange_IsNotCalledZero()
    {
        var spec = ProblemSpec.ForEigenvalues([1e-100, 1e-100, 1e-100]) with { Teacher = [1e-200, 1e-200, 1e-200] };
        var e = Assert.Throws<ArgumentException>(() => new Problem(spec));
        Assert.Equal("teacher", e.ParamName);
        Assert.Contains("outside the double range", e.Message, StringComparison.Ordinal);
        var zero = Assert.Throws<ArgumentException>(() => new Problem(spec with { Teacher = [0, 0, 0] }));
        Assert.Contains("must be non-zero", zero.Message, StringComparison.Ordinal);
    }
}
