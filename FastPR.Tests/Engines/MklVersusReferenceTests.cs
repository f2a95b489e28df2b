using FastPR.Core;

namespace FastPR.Tests.Engines;

/// <summary>
/// Reference-vs-optimized verification: fed identical Gaussians, the MKL engine reproduces the oracle.
/// The only differences are rounding (blocked gemv summation order, fused multiply-add), so the bounds are a few ulps
/// per step, growing slowly over a run.
/// </summary>
public sealed class MklVersusReferenceTests
{
    private static Problem MakeProblem(int d, double sigma) => new(new ProblemSpec(d, 1.5, Sigma: sigma, ProblemSeed: 21));

    /// <summary>max_i |a_i − b_i| / ‖a‖_∞: relative to the state's scale, so near-zero coordinates don't blow up.</summary>
    private static double RelativeDeviation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double worst = 0, scale = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
            scale = Math.Max(scale, Math.Abs(a[i]));
        }
        return worst / scale;
    }

    [SkippableTheory]
    [InlineData(1, 0.0)]
    [InlineData(8, 0.0)]
    [InlineData(8, 0.5)]
    [InlineData(64, 0.5)]
    public void OneStep_AgreesTo1e12(int batch, double sigma)
    {
        MklRequirement.SkipUnlessAvailable();
        var problem = MakeProblem(500, sigma);
        var settings = new SgdSettings(batch, 1e-2);
        using var reference = new ReferenceSgdEngine(problem, settings, new ManagedGaussianSource(1));
        using var mkl = new MklSgdEngine(problem, settings, new ManagedGaussianSource(1));
        var draws = new double[reference.GaussiansPerStep];
        new ManagedGaussianSource(SeedSequence.RunKey(5)).Fill(draws);
        var a = problem.CopyInitialPoint();
        var b = problem.CopyInitialPoint();
        reference.Update(a, draws);
        mkl.Update(b, draws);
        Assert.True(RelativeDeviation(a, b) <= 1e-12, $"deviation {RelativeDeviation(a, b):E2}");
        // Per coordinate too, relative to each coordinate's own size where it is not tiny.
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-12 * Math.Max(Math.Abs(a[i]), 1e-3 * a.Max(Math.Abs)), $"coordinate {i}: {a[i]} vs {b[i]}");
    }

    [SkippableFact]
    public void TenThousandSteps_AgreeTo1e9_AtD500B8()
    {
        MklRequirement.SkipUnlessAvailable();
        var problem = MakeProblem(500, 0.1);
        var settings = new SgdSettings(8, 5e-3);
        using var reference = new ReferenceSgdEngine(problem, settings, new ManagedGaussianSource(1));
        using var mkl = new MklSgdEngine(problem, settings, new ManagedGaussianSource(1));
        using var source = new ManagedGaussianSource(SeedSequence.RunKey(6));
        var draws = new double[reference.GaussiansPerStep];
        var a = problem.CopyInitialPoint();
        var b = problem.CopyInitialPoint();
        for (int step = 0; step < 10_000; step++)
        {
            source.Fill(draws);
            reference.Update(a, draws);
            mkl.Update(b, draws);
        }
        double deviation = RelativeDeviation(a, b);
        Assert.True(deviation <= 1e-9, $"deviation after 10^4 steps {deviation:E2}");
        // The run must have moved: otherwise agreement is trivial.
        Assert.True(RelativeDeviation(a, problem.InitialPoint) > 0.1);
    }

    // Under a schedule each step's η reaches both engines: identical minibatches still give the same path (docs/MODEL.md §3.9).
    [SkippableFact]
    public void ScheduledSteps_AgreeTo1e9_AtD500B8()
    {
        MklRequirement.SkipUnlessAvailable();
        var problem = MakeProblem(500, 0.1);
        var settings = new SgdSettings(8, 5e-3);
        using var reference = new ReferenceSgdEngine(problem, settings, new ManagedGaussianSource(1));
        using var mkl = new MklSgdEngine(problem, settings, new ManagedGaussianSource(1));
        using var source = new ManagedGaussianSource(SeedSequence.RunKey(6));
        var clock = new StepSizeClock(LearningRateSchedule.Parse("cosine:warmup=0.05,final=0.1"), 1e-2, 5000);
        var draws = new double[reference.GaussiansPerStep];
        var a = problem.CopyInitialPoint();
        var b = problem.CopyInitialPoint();
        for (int step = 0; step < 5000; step++)
        {
            source.Fill(draws);
            double eta = clock.Next();
            reference.Update(a, draws, eta);
            mkl.Update(b, draws, eta);
        }
        double deviation = RelativeDeviation(a, b);
        Assert.True(deviation <= 1e-9, $"deviation after 5000 scheduled steps {deviation:E2}");
        Assert.True(RelativeDeviation(a, problem.InitialPoint) > 0.1);
    }

    [SkippableFact]
    public void FullPipeline_ReferenceOnTheSameVslStream_ReproducesMkl()
    {
        MklRequirement.SkipUnlessAvailable();
        var problem = MakeProblem(200, 0.2);
        var settings = new SgdSettings(4, 1e-2);
        using var reference = new ReferenceSgdEngine(problem, settings, GaussianSources.Create(GaussianSourceKind.Mkl, 9));
        using var mkl = new MklSgdEngine(problem, settings, GaussianSources.Create(GaussianSourceKind.Mkl, 9));
        var a = problem.CopyInitialPoint();
        var b = problem.CopyInitialPoint();
        for (int step = 0; step < 2000; step++)
        {
            reference.Step(a);
            mkl.Step(b);
        }
        Assert.True(RelativeDeviation(a, b) <= 1e-10, $"deviation {RelativeDeviation(a, b):E2}");
    }

    [SkippableFact]
    public void BlockwiseStep_DrawsTheSameStreamAsTheReference()
    {
        // d = 20,000 makes each row block of G one row (256 KB / 160 KB), so the step is five draw-and-accumulate blocks.
        MklRequirement.SkipUnlessAvailable();
        var problem = MakeProblem(20_000, 0.3);
        var settings = new SgdSettings(5, 1e-2);
        using var reference = new ReferenceSgdEngine(problem, settings, GaussianSources.Create(GaussianSourceKind.Mkl, 3));
        using var mkl = new MklSgdEngine(problem, settings, GaussianSources.Create(GaussianSourceKind.Mkl, 3));
        var a = problem.CopyInitialPoint();
        var b = problem.CopyInitialPoint();
        for (int step = 0; step < 20; step++)
        {
            reference.Step(a);
            mkl.Step(b);
        }
        Assert.True(RelativeDeviation(a, b) <= 1e-12, $"deviation {RelativeDeviation(a, b):E2}");
        Assert.True(RelativeDeviation(a, problem.InitialPoint) > 1e-6);
    }
}
