using FastPR.Core;

namespace FastPR.Tests.Documentation;

/// <summary>The README's "Use it as a library" example, compiled and run, so the README cannot drift from the API.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void ReadmeLibraryExampleRuns()
    {
        // --- README example begins ---
        var problem = new Problem(new ProblemSpec(Dimension: 1000, Exponent: 2.0, ProblemSeed: 0));
        var settings = new SgdSettings(BatchSize: 1, LearningRate: 1e-3);

        // One run: the engine draws its minibatches from its own Gaussian source; w is yours.
        using var engine = SgdEngines.Create(EngineKind.Auto, problem, settings,
            GaussianSources.Create(GaussianSourceKind.Auto, runSeed: 0));
        double[] w = problem.CopyInitialPoint();
        var recorder = TrajectoryRecorder.LogSpaced(totalSteps: 20_000, count: 100);
        RunResult run = TrajectoryRunner.Run(engine, w, recorder);   // allocates nothing

        // An ensemble of 8 run seeds sharing the problem, in parallel, with 5%/95% bands.
        EnsembleResult ensemble = EnsembleRunner.Run(8,
            m => SgdEngines.Create(EngineKind.Projected, problem, settings,
                GaussianSources.Create(GaussianSourceKind.Managed, runSeed: 0, member: m)),
            CheckpointSchedule.LogSpaced(20_000, 100));
        Band uAtEnd = ensemble.Aggregate.Get(ensemble.Aggregate.CheckpointCount - 1, Statistic.U);

        // What the theory predicts, and the phases the simulation went through.
        TheorySummary theory = TheorySummary.For(problem);
        PhaseBoundaries phases = PhaseDetector.Detect(ensemble.Aggregate.MeanTrajectory());
        // --- README example ends ---

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(RunStatus.Completed, ensemble.Status);
        Assert.Equal(8, uAtEnd.Count);
        Assert.True(uAtEnd.Q05 <= uAtEnd.Mean && uAtEnd.Mean <= uAtEnd.Q95);
        Assert.NotNull(theory.Rho);
        Assert.True(theory.Rho > 4 * theory.Lambda1);
        Assert.NotNull(phases.Escape);
    }
}
