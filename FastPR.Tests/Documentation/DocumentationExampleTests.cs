using FastPR.Core;

namespace FastPR.Tests.Documentation;

/// <summary>The &lt;example&gt; on ReferenceSgdEngine, compiled and run (output captured instead of printed).</summary>
public class DocumentationExampleTests
{
    [Fact]
    public void ReferenceEngineExampleRuns()
    {
        var lines = new List<string>();
        var problem = new Problem(new ProblemSpec(Dimension: 1000, Exponent: 2.0, ProblemSeed: 1));
        using var engine = new ReferenceSgdEngine(problem, new SgdSettings(BatchSize: 1, LearningRate: 1e-3),
            new ManagedGaussianSource(SeedSequence.RunKey(runSeed: 7, member: 0)));
        double[] w = problem.CopyInitialPoint();
        var recorder = TrajectoryRecorder.LogSpaced(totalSteps: 10_000, count: 50);
        RunResult result = TrajectoryRunner.Run(engine, w, recorder);
        foreach (Snapshot snapshot in recorder.Snapshots)
            lines.Add($"{snapshot.Time} {snapshot.U} {snapshot.Mse}");

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(recorder.Count, lines.Count);
        Assert.InRange(lines.Count, 30, 50);
        Assert.Equal(10.0, result.LastFinite.Time, 1e-12);
    }
}
