using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>The runner records at the records, reports divergence with its step and honours cancellation.</summary>
public class TrajectoryRunnerTests
{
    /// <summary>Synchronous progress sink (System.Progress posts asynchronously).</summary>
    private sealed class ListProgress : IProgress<long>
    {
        public List<long> Values { get; } = [];
        public void Report(long value) => Values.Add(value);
    }

    /// <summary>Counts steps and cancels a token after a given number of them.</summary>
    private sealed class CancellingStepper(IStepper inner, CancellationTokenSource source, long cancelAfter) : IStepper
    {
        public long Steps { get; private set; }
        public string Name => inner.Name;
        public Problem Problem => inner.Problem;
        public double TimePerStep => inner.TimePerStep;
        public void Step(Span<double> w)
        {
            inner.Step(w);
            if (++Steps == cancelAfter) source.Cancel();
        }
        public void Dispose() => inner.Dispose();
    }

    [Fact]
    public void CompletedRunRecordsEveryCheckpointWithExactStatistics()
    {
        var problem = CoreTestMath.MakeProblem(30, 1.5, 1);
        using var gd = new PopulationGradientDescent(problem, 0.01);
        var recorder = TrajectoryRecorder.LogSpaced(5000, 25);
        var progress = new ListProgress();
        double[] w = problem.CopyInitialPoint();
        var result = TrajectoryRunner.Run(gd, w, recorder, progress);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(5000, result.StepsCompleted);
        Assert.Null(result.DivergedAtStep);
        Assert.Equal(recorder.RecordSteps.ToArray(), recorder.Snapshots.ToArray().Select(s => s.Step).ToArray());
        // Every record is reported, in order, and no two reports are further apart than the interval plus one finiteness check.
        Assert.Equal(recorder.RecordSteps.ToArray(), progress.Values.Intersect(recorder.RecordSteps.ToArray()).ToArray());
        Assert.True(progress.Values.Zip(progress.Values.Skip(1)).All(p => p.Second > p.First), "reports increase");
        long interval = TrajectoryRunner.ProgressInterval(5000);
        Assert.True(progress.Values.Count > recorder.RecordSteps.Length, "reports between records");
        Assert.All(progress.Values.Zip(progress.Values.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, interval + TrajectoryRunner.DivergenceCheckInterval));
        Assert.Equal(-1, recorder.NextRecord);
        foreach (var snapshot in recorder.Snapshots) Assert.Equal(snapshot.Step * 0.01, snapshot.Time, 1e-12);

        // The runner's snapshot is bitwise the one ModelStatistics gives for the final state, and agrees with Moments/Mse.
        var statistics = new ModelStatistics(problem);
        var expected = statistics.Snapshot(w, 5000 * 0.01, 5000);
        Assert.Equal(expected, result.LastFinite);
        Assert.Equal(expected, recorder.Snapshots[^1]);
        Span<double> s = stackalloc double[2], u = stackalloc double[2];
        statistics.Moments(w, s, u);
        Assert.Equal(s[0], expected.S);
        Assert.Equal(u[0], expected.U);
        Assert.Equal(s[1], expected.S2);
        Assert.Equal(u[1], expected.U2);
        Assert.Equal(statistics.Mse(w), expected.Mse);
        Assert.Equal(statistics.Loss(s[0], u[0]), expected.Loss);
        Assert.Equal(1 - Math.Abs(u[0]), expected.OneMinusAbsU);
    }

    [Fact]
    public void RunnerStateEqualsPlainStepping()
    {
        var problem = CoreTestMath.MakeProblem(20, 2.0, 2);
        double[] viaRunner = problem.CopyInitialPoint(), direct = problem.CopyInitialPoint();
        using (var engine = new ReferenceSgdEngine(problem, new SgdSettings(2, 0.01), new ManagedGaussianSource(SeedSequence.RunKey(9))))
            TrajectoryRunner.Run(engine, viaRunner, new TrajectoryRecorder([0, 3, 64, 65, 200, 1001]));
        using (var engine = new ReferenceSgdEngine(problem, new SgdSettings(2, 0.01), new ManagedGaussianSource(SeedSequence.RunKey(9))))
            for (int n = 0; n < 1001; n++) engine.Step(direct);
        Assert.Equal(direct, viaRunner);
    }

    public static TheoryData<string> DivergingSteppers => ["gd", "reference"];

    [Theory]
    [MemberData(nameof(DivergingSteppers))]
    public void HugeStepSizeIsReportedAsDivergence(string kind)
    {
        var problem = CoreTestMath.MakeProblem(10, 1.5, 3);
        using IStepper stepper = kind == "gd"
            ? new PopulationGradientDescent(problem, 10)
            : new ReferenceSgdEngine(problem, new SgdSettings(1, 10), new ManagedGaussianSource(SeedSequence.RunKey(3)));
        var recorder = TrajectoryRecorder.LogSpaced(100_000, 40);
        double[] w = problem.CopyInitialPoint();
        var result = TrajectoryRunner.Run(stepper, w, recorder);

        Assert.Equal(RunStatus.Diverged, result.Status);
        Assert.NotNull(result.DivergedAtStep);
        Assert.InRange(result.DivergedAtStep!.Value, 1, 100_000);
        Assert.Equal(result.DivergedAtStep, result.StepsCompleted);
        Assert.True(result.LastFinite.IsFinite);
        Assert.True(recorder.Count >= 1 && recorder.Count < recorder.RecordSteps.Length);
        foreach (var snapshot in recorder.Snapshots) Assert.True(snapshot.IsFinite, $"snapshot at step {snapshot.Step} is not finite");
        Assert.Equal(recorder.Snapshots[^1], result.LastFinite);
        Assert.True(result.LastFinite.Step < result.DivergedAtStep);
        // The detection is prompt: within one check interval of the first non-finite state, or at a record.
        double[] replay = problem.CopyInitialPoint();
        long firstBad = FirstNonFiniteStep(kind, problem, replay);
        Assert.InRange(result.DivergedAtStep.Value, firstBad, firstBad + TrajectoryRunner.DivergenceCheckInterval);
    }

    private static long FirstNonFiniteStep(string kind, Problem problem, double[] w)
    {
        using IStepper stepper = kind == "gd"
            ? new PopulationGradientDescent(problem, 10)
            : new ReferenceSgdEngine(problem, new SgdSettings(1, 10), new ManagedGaussianSource(SeedSequence.RunKey(3)));
        var statistics = new ModelStatistics(problem);
        for (long n = 1; ; n++)
        {
            stepper.Step(w);
            if (!w.All(double.IsFinite) || !statistics.Snapshot(w, 0, n).IsFinite) return n;
        }
    }

    [Fact]
    public void CancelledBeforeStartIsInterruptedAtStepZero()
    {
        var problem = CoreTestMath.MakeProblem(10, 1.5, 4);
        using var gd = new PopulationGradientDescent(problem, 0.01);
        var recorder = TrajectoryRecorder.LogSpaced(1000, 10);
        var result = TrajectoryRunner.Run(gd, problem.CopyInitialPoint(), recorder, null, new CancellationToken(true));
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal(0, result.StepsCompleted);
        Assert.Null(result.DivergedAtStep);
        Assert.Equal(1, recorder.Count);
        Assert.Equal(recorder.Snapshots[0], result.LastFinite);
    }

    [Fact]
    public void CancellationMidRunStopsWithinOneCheckInterval()
    {
        var problem = CoreTestMath.MakeProblem(10, 1.5, 4);
        using var source = new CancellationTokenSource();
        using var stepper = new CancellingStepper(new PopulationGradientDescent(problem, 0.01), source, 1000);
        var recorder = TrajectoryRecorder.LogSpaced(100_000, 30);
        double[] w = problem.CopyInitialPoint();
        var result = TrajectoryRunner.Run(stepper, w, recorder, null, source.Token);
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal(stepper.Steps, result.StepsCompleted);
        Assert.InRange(result.StepsCompleted, 1000, 1000 + TrajectoryRunner.DivergenceCheckInterval);
        Assert.True(result.LastFinite.IsFinite);
        Assert.True(result.LastFinite.Step <= result.StepsCompleted);
        Assert.All(recorder.Snapshots.ToArray(), s => Assert.True(s.Step <= 1000 + TrajectoryRunner.DivergenceCheckInterval));
    }

    [Fact]
    public void RecorderRejectsBadSchedulesAndOverflow()
    {
        Assert.Throws<ArgumentException>(() => new TrajectoryRecorder([]));
        Assert.Throws<ArgumentException>(() => new TrajectoryRecorder([0, 5, 5]));
        Assert.Throws<ArgumentException>(() => new TrajectoryRecorder([3, 2]));
        Assert.Throws<ArgumentException>(() => new TrajectoryRecorder([-1, 2]));
        var recorder = new TrajectoryRecorder([0]);
        recorder.Record(default);
        Assert.Throws<InvalidOperationException>(() => recorder.Record(default));
        recorder.Reset();
        Assert.Equal(0, recorder.Count);
        Assert.Equal(0, recorder.NextRecord);
    }

    [Fact]
    public void ScheduleNotStartingAtZeroIsHonoured()
    {
        var problem = CoreTestMath.MakeProblem(10, 1.5, 5);
        using var gd = new PopulationGradientDescent(problem, 0.01);
        var recorder = new TrajectoryRecorder([7, 100, 129, 130]);
        var result = TrajectoryRunner.Run(gd, problem.CopyInitialPoint(), recorder);
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal([7L, 100, 129, 130], recorder.Snapshots.ToArray().Select(s => s.Step).ToArray());
    }
}
