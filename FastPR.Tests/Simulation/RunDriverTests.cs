using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>The one run driver: every algorithm stops the same way on cancellation and divergence.</summary>
public class RunDriverTests
{
    /// <summary>Cancels a token at the n-th report between records, synchronously.</summary>
    private sealed class CancelAtReport(CancellationTokenSource source, int n) : IProgress<RunProgress>
    {
        private int _between;
        public void Report(RunProgress value)
        {
            if (value.Position > 0 && ++_between == n) source.Cancel();
        }
    }

    private static readonly Problem Flat = new(new ProblemSpec(200, 2, ProblemSeed: 3));

    [Fact]
    public void LogTimeFlow_IsInterruptedBetweenLeaps_NotAtTheNextCheckpoint()
    {
        var integrator = new LogTimeFlowIntegrator(Flat);
        double[] times = [0, 1e5];
        var w = Flat.CopyInitialPoint();
        using var source = new CancellationTokenSource();
        var advancer = new LogTimeFlowAdvancer(integrator, times);
        var sink = new TheoryTestSupport.ArraySink(new Snapshot[2]);
        var result = RunDriver.Run(ref advancer, Flat, w, times.Length, sink, new CancelAtReport(source, 3), 1, source.Token);
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal(3, result.StepsCompleted); // three leaps, then the cancellation seen before the fourth
        Assert.Equal(1, sink.Count);
        Assert.InRange(advancer.Time, 1e-6, 1);
    }

    [Fact]
    public void LogTimeGd_IsInterruptedBetweenLeaps()
    {
        var integrator = new LogTimeGdIntegrator(Flat, 0.01);
        long[] steps = [0, 10_000_000];
        var w = Flat.CopyInitialPoint();
        using var source = new CancellationTokenSource();
        var advancer = new LogTimeGdAdvancer(integrator, steps);
        var sink = new TheoryTestSupport.ArraySink(new Snapshot[2]);
        var result = RunDriver.Run(ref advancer, Flat, w, steps.Length, sink, new CancelAtReport(source, 5), 1, source.Token);
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal(5, integrator.LeapCount);
        Assert.InRange(result.StepsCompleted, 5, 10_000_000 - 1);
    }

    [Fact]
    public void LogTimeGd_ReportsDivergenceWhereItHappened_NotAtTheNextCheckpoint()
    {
        // ηλ_1|α| far above 2 once s is O(1): GD oscillates and blows up long before the second record.
        var problem = new Problem(new ProblemSpec(100, 2, ProblemSeed: 1));
        var integrator = new LogTimeGdIntegrator(problem, 2.0);
        long[] steps = [0, 1_000_000];
        var w = problem.CopyInitialPoint();
        var advancer = new LogTimeGdAdvancer(integrator, steps);
        var result = RunDriver.Run(ref advancer, problem, w, steps.Length, new TheoryTestSupport.ArraySink(new Snapshot[2]));
        Assert.Equal(RunStatus.Diverged, result.Status);
        Assert.NotNull(result.DivergedAtStep);
        Assert.InRange(result.DivergedAtStep!.Value, 1, 10_000);

        // Plain GD (one-step leaps are exactly GD steps) first has a non-finite s or u within a step of there.
        var gd = new PopulationGradientDescent(problem, 2.0);
        var x = problem.CopyInitialPoint();
        var statistics = new ModelStatistics(problem);
        long broke = 0;
        for (long n = 1; broke == 0 && n <= 10_000; n++)
        {
            gd.Step(x);
            var snapshot = statistics.Snapshot(x, 0, n);
            if (!double.IsFinite(snapshot.S) || !double.IsFinite(snapshot.U)) broke = n;
        }
        Assert.InRange(result.DivergedAtStep.Value, broke - 1, broke + 1);
    }

    [Fact]
    public void CheckpointZero_IsRecordedBeforeAnyCancellationCheck()
    {
        var integrator = new LogTimeFlowIntegrator(Flat);
        double[] times = [0, 10];
        var advancer = new LogTimeFlowAdvancer(integrator, times);
        var sink = new TheoryTestSupport.ArraySink(new Snapshot[2]);
        var result = RunDriver.Run(ref advancer, Flat, Flat.CopyInitialPoint(), 2, sink, null, long.MaxValue, new CancellationToken(true));
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal(1, sink.Count);
        Assert.Equal(0, integrator.LeapCount);
    }
}
