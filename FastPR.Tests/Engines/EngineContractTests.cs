using FastPR.Core;

namespace FastPR.Tests.Engines;

/// <summary>
/// The one suite every SGD engine must pass (the MathNet "one suite per provider" pattern): invariants, mean update
/// against the population gradient, zero allocation, divergence, reproducibility. Subclasses pick the engine.
/// </summary>
public abstract class EngineContractTests
{
    /// <summary>Builds the engine under test; it owns the source.</summary>
    protected abstract ISgdEngine Create(Problem problem, SgdSettings settings, IGaussianSource source);

    /// <summary>Skips (or fails under FASTPR_REQUIRE_MKL=1) when the engine needs MKL that is missing.</summary>
    protected virtual void RequireBackend() { }

    protected static Problem MakeProblem(int d = 40, double a = 1.5, double sigma = 0, ulong seed = 3) =>
        new(new ProblemSpec(d, a, Sigma: sigma, ProblemSeed: seed));

    /// <summary>The stream the suite hands the engine under test (engines on float data need one that draws floats).</summary>
    protected virtual IGaussianSource Source(ulong key) => new ManagedGaussianSource(key);

    private ISgdEngine CreateSeeded(Problem problem, SgdSettings settings, ulong runSeed, int member = 0) =>
        Create(problem, settings, Source(SeedSequence.RunKey(runSeed, member)));

    [SkippableFact]
    public void Step_AllocatesNothing_Over10kSteps()
    {
        RequireBackend();
        var problem = MakeProblem(d: 200, sigma: 0.5);
        using var engine = CreateSeeded(problem, new SgdSettings(4, 1e-3), 1);
        var w = problem.CopyInitialPoint();
        var statistics = new ModelStatistics(problem);
        engine.Step(w);
        statistics.Snapshot(w, 0, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) engine.Step(w);
        var snapshot = statistics.Snapshot(w, 1, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(snapshot.IsFinite);
    }

    [SkippableFact]
    public void Run_AllocatesNothing_Over10kSteps()
    {
        RequireBackend();
        var problem = MakeProblem(d: 100);
        using var engine = CreateSeeded(problem, new SgdSettings(2, 1e-3), 2);
        var w = problem.CopyInitialPoint();
        var recorder = TrajectoryRecorder.LogSpaced(10_000, 50);
        TrajectoryRunner.Run(engine, w, recorder); // warm-up: JIT, statics
        w = problem.CopyInitialPoint();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = TrajectoryRunner.Run(engine, w, recorder);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(10_000, result.StepsCompleted);
    }

    [SkippableFact]
    public void Teacher_IsAFixedPoint_WithoutLabelNoise()
    {
        RequireBackend();
        var problem = MakeProblem();
        using var engine = CreateSeeded(problem, new SgdSettings(8, 0.05), 4);
        var w = problem.Teacher.ToArray();
        for (int i = 0; i < 100; i++) engine.Step(w);
        for (int i = 0; i < w.Length; i++) Assert.Equal(problem.Teacher[i], w[i], 1e-15 * Math.Abs(problem.Teacher[i]) + 1e-300);
    }

    [SkippableFact]
    public void MeanUpdate_MatchesPopulationGradient()
    {
        // E[Δw] = −η∇L(w); check each coordinate within 5 standard errors over many independent one-step draws.
        RequireBackend();
        var problem = MakeProblem(d: 12, a: 1.0, sigma: 0.7);
        const double eta = 1.0;
        const int trials = 100_000;
        using var engine = CreateSeeded(problem, new SgdSettings(4, eta), 6);
        var w0 = new double[problem.Dimension];
        for (int i = 0; i < w0.Length; i++) w0[i] = 0.6 * problem.Teacher[i] + 0.3 * problem.InitialPoint[i] * Math.Sqrt(w0.Length);
        var sum = new double[w0.Length];
        var sumSq = new double[w0.Length];
        var w = new double[w0.Length];
        for (int t = 0; t < trials; t++)
        {
            w0.CopyTo(w, 0);
            engine.Step(w);
            for (int i = 0; i < w.Length; i++)
            {
                double delta = w[i] - w0[i];
                sum[i] += delta;
                sumSq[i] += delta * delta;
            }
        }
        var gradient = new double[w0.Length];
        PopulationGradient.Compute(problem, w0, gradient);
        for (int i = 0; i < w0.Length; i++)
        {
            double mean = sum[i] / trials;
            double se = Math.Sqrt((sumSq[i] / trials - mean * mean) / trials);
            Assert.InRange(mean, -eta * gradient[i] - 5 * se, -eta * gradient[i] + 5 * se);
        }
    }

    [SkippableFact]
    public void LargeStep_IsReportedAsDivergence_WithItsStep()
    {
        RequireBackend();
        var problem = MakeProblem(d: 10, a: 1.0);
        using var engine = CreateSeeded(problem, new SgdSettings(1, 20.0), 7);
        var w = problem.CopyInitialPoint();
        var recorder = TrajectoryRecorder.LogSpaced(100_000, 20);
        var result = TrajectoryRunner.Run(engine, w, recorder);
        Assert.Equal(RunStatus.Diverged, result.Status);
        Assert.NotNull(result.DivergedAtStep);
        Assert.True(result.DivergedAtStep < 100_000);
        Assert.True(result.LastFinite.IsFinite);
        foreach (var snapshot in recorder.Snapshots) Assert.True(snapshot.IsFinite);
    }

    // A step at η through the schedule path is the step of an engine built with η, bit for bit (docs/MODEL.md §3.9), on every source.
    [SkippableFact]
    public void ScheduledStep_EqualsAnEngineBuiltWithThatEta_Bitwise()
    {
        RequireBackend();
        var problem = MakeProblem(d: 33, sigma: 0.3);
        using var scheduled = CreateSeeded(problem, new SgdSettings(3, 1e-3), 12);
        using var fixedEta = CreateSeeded(problem, new SgdSettings(3, 7e-3), 12);
        var a = problem.CopyInitialPoint();
        var b = problem.CopyInitialPoint();
        for (int i = 0; i < 300; i++)
        {
            scheduled.Step(a, 7e-3);
            fixedEta.Step(b);
        }
        Assert.Equal(b, a);
        // Changing η changes the path: the step size is used, not ignored.
        scheduled.Step(a, 1e-3);
        fixedEta.Step(b);
        Assert.NotEqual(b, a);
    }

    [SkippableFact]
    public void ScheduledRun_AllocatesNothing_Over10kSteps()
    {
        RequireBackend();
        var problem = MakeProblem(d: 200, sigma: 0.5);
        using var engine = CreateSeeded(problem, new SgdSettings(4, 1e-3), 1);
        var clock = new StepSizeClock(LearningRateSchedule.Parse("wsd:warmup=0.1,stable=0.5,shape=cosine"), 1e-3, 10_000);
        var w = problem.CopyInitialPoint();
        engine.Step(w, clock.Next());
        clock.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) engine.Step(w, clock.Next());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(RunDriver.IsFinite(w));
    }

    [SkippableFact]
    public void SameSeeds_GiveBitwiseIdenticalTrajectories()
    {
        RequireBackend();
        var problem = MakeProblem(d: 30, sigma: 0.3);
        double[] RunOnce()
        {
            using var engine = CreateSeeded(problem, new SgdSettings(3, 0.01), 11, member: 2);
            var w = problem.CopyInitialPoint();
            for (int i = 0; i < 2000; i++) engine.Step(w);
            return w;
        }
        Assert.Equal(RunOnce(), RunOnce());
    }

    /// <summary>Whether <see cref="ISgdEngine.Step"/> draws floats (then only float-capable sources apply).</summary>
    protected virtual bool StepDrawsFloats => false;

    // Step may draw in blocks or into separate buffers (the projected engine fills A, ξ and the noise apart), but it must
    // consume the same numbers in the same order as one fill of the whole step, on every source: their streams do not
    // depend on how a caller splits its fills. (A float-data engine's Update rounds to float, so float draws pass exactly.)
    [SkippableFact]
    public void Step_EqualsUpdate_OnTheSameStream()
    {
        RequireBackend();
        var problem = MakeProblem(d: 37, sigma: 0.3);
        var settings = new SgdSettings(3, 0.01);
        foreach (var open in StepSources())
        {
            var (stepped, updated, _) = StepAndUpdate(problem, settings, open, 21, 200);
            Assert.Equal(updated, stepped);
        }
    }

    // Every source an engine's Step can draw from here: the ziggurat, the managed ones where Step draws doubles, VSL with MKL.
    private List<Func<ulong, IGaussianSource>> StepSources()
    {
        var sources = new List<Func<ulong, IGaussianSource>> { key => new ZigguratGaussianSource(key) };
        if (!StepDrawsFloats) sources.AddRange([key => new ManagedGaussianSource(key), key => new SimdGaussianSource(key)]);
        if (MklRequirement.SkipReason is null) sources.Add(key => new VslGaussianSource(key));
        return sources;
    }

    // One engine steps on stream `key`; another updates on the same stream's draws, read by a third copy of it. Returns both w.
    private (double[] Stepped, double[] Updated, string Source) StepAndUpdate(Problem problem, SgdSettings settings,
        Func<ulong, IGaussianSource> open, ulong key, int steps)
    {
        using var stepping = Create(problem, settings, open(key));
        using var updating = Create(problem, settings, open(key + 1));
        using var stream = open(key);
        var stepped = problem.CopyInitialPoint();
        var updated = problem.CopyInitialPoint();
        var draws = new double[updating.GaussiansPerStep];
        var floats = new float[draws.Length];
        for (int i = 0; i < steps; i++)
        {
            stepping.Step(stepped);
            if (StepDrawsFloats)
            {
                ((IFloatGaussianSource)stream).Fill(floats);
                for (int j = 0; j < draws.Length; j++) draws[j] = floats[j];
            }
            else stream.Fill(draws);
            updating.Update(updated, draws);
        }
        return (stepped, updated, stream.Name);
    }

    // At B = 1 an engine may draw and project in one pass (the MKL engine on the ziggurat does); the result must still be
    // Update's, bit for bit, whatever d (vector remainders) and wherever the source's batches start (σ > 0 shifts them).
    [SkippableTheory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void Step_EqualsUpdate_BitForBit_AtBatchOne_ForManyDimensions(double sigma)
    {
        RequireBackend();
        foreach (int d in new[] { 1, 7, 8, 9, 15, 16, 17, 23, 24, 31, 33, 47, 100, 257, 1000, 1001, 1003 })
        {
            var problem = MakeProblem(d: d, sigma: sigma, seed: (ulong)d);
            var settings = new SgdSettings(1, 0.5 / d);
            foreach (var open in StepSources())
            {
                var (stepped, updated, source) = StepAndUpdate(problem, settings, open, 31, 60);
                for (int i = 0; i < d; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(updated[i]) == BitConverter.DoubleToInt64Bits(stepped[i]),
                        $"d = {d}, {source}: w[{i}] stepped {stepped[i]:R}, updated {updated[i]:R}");
            }
        }
    }

    // Managed arrays move, so a kernel whose rounding depends on alignment gives different last bits run to run.
    [SkippableFact]
    public void Update_OnSpansShiftedBy0To7Doubles_IsBitwiseIdentical()
    {
        RequireBackend();
        var problem = MakeProblem(d: 203, sigma: 0.3);
        var (deviation, differing) = ShiftedSpans.Compare(() => Create(problem, new SgdSettings(5, 0.01), Source(1)), 300, 77);
        Assert.Equal(0, differing);
        Assert.Equal(0, deviation);
    }

    [SkippableFact]
    public void Update_RejectsWrongBufferSizes()
    {
        RequireBackend();
        var problem = MakeProblem(d: 8);
        using var engine = CreateSeeded(problem, new SgdSettings(2, 0.01), 1);
        var draws = new double[engine.GaussiansPerStep];
        Assert.Throws<ArgumentException>(() => engine.Update(new double[7], draws));
        Assert.Throws<ArgumentException>(() => engine.Update(new double[8], new double[engine.GaussiansPerStep - 1]));
    }
}

/// <summary>
/// Explicit-sampling engines add one pathwise invariant. The projected engine is exempt: its orthogonal noise
/// ‖r‖(I − UUᵀ)ξ keeps its sign under w → −w, so there the symmetry holds only in law.
/// </summary>
public abstract class ExplicitEngineContractTests : EngineContractTests
{
    [SkippableFact]
    public void Update_IsOddInW_ForTheSameMinibatch()
    {
        // The per-sample gradient 4(z² − z*²)z·x is odd in w, so −w must map to −(the image of w) exactly (σ = 0).
        RequireBackend();
        var problem = MakeProblem(d: 64);
        using var engine = Create(problem, new SgdSettings(5, 0.01), Source(5));
        var draws = new double[engine.GaussiansPerStep];
        new ManagedGaussianSource(99).Fill(draws);
        var plus = problem.CopyInitialPoint();
        var minus = plus.Select(x => -x).ToArray();
        engine.Update(plus, draws);
        engine.Update(minus, draws);
        for (int i = 0; i < plus.Length; i++) Assert.Equal(-plus[i], minus[i]);
    }
}

public sealed class ReferenceEngineContractTests : ExplicitEngineContractTests
{
    protected override ISgdEngine Create(Problem problem, SgdSettings settings, IGaussianSource source) =>
        new ReferenceSgdEngine(problem, settings, source);
}

public sealed class MklEngineContractTests : ExplicitEngineContractTests
{
    protected override ISgdEngine Create(Problem problem, SgdSettings settings, IGaussianSource source) =>
        new MklSgdEngine(problem, settings, source);

    protected override void RequireBackend() => MklRequirement.SkipUnlessAvailable();
}

/// <summary>The MKL engine on float data (double state): Update rounds the given normals to float, so every invariant holds as on double data.</summary>
public sealed class MklFloatDataEngineContractTests : ExplicitEngineContractTests
{
    protected override ISgdEngine Create(Problem problem, SgdSettings settings, IGaussianSource source) =>
        new MklSgdEngine(problem, settings, source, DataPrecision.Single);

    protected override IGaussianSource Source(ulong key) => new ZigguratGaussianSource(key);

    protected override bool StepDrawsFloats => true;

    protected override void RequireBackend() => MklRequirement.SkipUnlessAvailable();
}

/// <summary>The MKL engine forced onto its dgemv path, which large blocks of double data may take.</summary>
public sealed class MklGemvEngineContractTests : ExplicitEngineContractTests
{
    protected override ISgdEngine Create(Problem problem, SgdSettings settings, IGaussianSource source) =>
        new MklSgdEngine(problem, settings, source, DataPrecision.Double, useGemv: true);

    protected override void RequireBackend() => MklRequirement.SkipUnlessAvailable();
}

public sealed class ProjectedEngineContractTests : EngineContractTests
{
    protected override ISgdEngine Create(Problem problem, SgdSettings settings, IGaussianSource source) =>
        new ProjectedSgdEngine(problem, settings, source);
}
