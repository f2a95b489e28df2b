using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>The simulator's plumbing: ensemble means, member seeds, GD paths, the flow grid, timing and Phase III capture.</summary>
public sealed class SimulatorTests
{
    private static SimulationSpec Sgd(int seeds) => new()
    {
        Problem = new ProblemSpec(40, 2.0, ProblemSeed: 2),
        Engine = EngineKind.Reference,
        Gaussians = GaussianSourceKind.Philox,
        Time = 1,
        Records = 20,
        Seeds = seeds,
        Seed = 9,
    };

    [Fact]
    public void Ensemble_TrajectoryIsTheMemberMean_AndMembersMatchSingleRunsWithTheirStreams()
    {
        var ensemble = Simulator.Run(Sgd(3) with { Threads = 2 });
        Assert.Equal(RunStatus.Completed, ensemble.Status);
        Assert.NotNull(ensemble.Ensemble);
        var last = ensemble.Trajectory[^1];
        double meanU = ensemble.Members.Average(m => m.Result.LastFinite.U);
        Assert.Equal(meanU, last.U, 14);

        // Member 0 of the ensemble is the single run with the same seed: same stream, same result.
        var single = Simulator.Run(Sgd(1));
        Assert.Null(single.Ensemble);
        Assert.Equal(ensemble.Members[0].Result.LastFinite, single.Trajectory[^1]);
        Assert.Equal(SeedSequence.RunKey(9, 2), ensemble.Members[2].StreamKey);
        Assert.Equal(3000, ensemble.Timing.StepsCompleted);
        Assert.Equal(3000L * 40, ensemble.Timing.GaussiansDrawn);
        Assert.Equal(2, ensemble.Timing.ThreadsUsed);
        Assert.Equal(ensemble.Timing.WallSeconds * 2 / (3000.0 * 40) * 1e9, ensemble.Timing.NsPerGaussian!.Value, 9);
    }

    [Theory]
    [InlineData(AlgorithmKind.Sgd)]
    [InlineData(AlgorithmKind.SgdSde)]
    public void EnsembleMembers_KeepTheirOwnTrajectories_AndMemberZeroIsTheSingleRun(AlgorithmKind algorithm)
    {
        // The default engine and source, as Python's simulate(seeds=3, members=True) runs them.
        var spec = Sgd(3) with { Algorithm = algorithm, Engine = EngineKind.Auto, Gaussians = GaussianSourceKind.Auto, Threads = 2 };
        var ensemble = Simulator.Run(spec);
        var single = Simulator.Run(spec with { Seeds = 1 });
        Assert.Equal(single.Trajectory, ensemble.Members[0].Trajectory); // every snapshot, bit for bit
        Assert.Same(single.Trajectory, single.Members[0].Trajectory);
        Assert.NotEqual(ensemble.Members[0].Trajectory[^1].U, ensemble.Members[1].Trajectory[^1].U);
        for (int m = 0; m < 3; m++) Assert.Equal(ensemble.Members[m].Result.LastFinite, ensemble.Members[m].Trajectory[^1]);
        // The table's mean is the members' mean, summed in member order.
        var table = TrajectoryTable.Member(ensemble, 2);
        Assert.Equal(TrajectoryTable.SingleRunColumns, table.Columns);
        Assert.Equal(ensemble.Members[2].Trajectory.Length, table.Rows);
        for (int c = 0; c < ensemble.Trajectory.Length; c++)
        {
            double sum = 0;
            foreach (var member in ensemble.Members) sum += member.Trajectory[c].U;
            Assert.Equal(sum / 3, ensemble.Trajectory[c].U);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => TrajectoryTable.Member(ensemble, 3));
    }

    [Fact]
    public void Gd_PlainAndLogTimePathsAgree()
    {
        // 10^7·200 steps·d exceed the plain limit, so this runs through the log-time integrator.
        var spec = new SimulationSpec { Problem = new ProblemSpec(200, 2.0), Algorithm = AlgorithmKind.Gd, LearningRate = 1e-2, Steps = 10_000_000, Records = 60 };
        var leaped = Simulator.Run(spec);
        Assert.Equal("gd-logtime", leaped.Stepper);
        Assert.Equal(RunStatus.Completed, leaped.Status);
        // A log-time checkpoint past T2 (t ≈ 10²), re-run step by step.
        var checkpoint = leaped.Trajectory.Last(s => s.Step <= 30_000);
        Assert.True(checkpoint.Step > 5_000, $"checkpoint at step {checkpoint.Step}");
        var plain = Simulator.Run(spec with { Steps = checkpoint.Step });
        Assert.Equal("gd", plain.Stepper);
        var end = plain.Trajectory[^1];
        Assert.Equal(checkpoint.Time, end.Time, 12);
        Assert.Equal(1, checkpoint.S / end.S, 1e-3);
        Assert.Equal(1, checkpoint.OneMinusAbsU / end.OneMinusAbsU, 1e-2);
    }

    [Fact]
    public void Flow_OutputsStartAtZeroAndEndAtTheHorizon()
    {
        double[] times = Simulator.FlowTimes(1e5, 50);
        Assert.Equal(50, times.Length);
        Assert.Equal(0, times[0]);
        Assert.Equal(Simulator.FlowFirstTime, times[1]);
        Assert.Equal(1e5, times[^1]);
        Assert.Equal([0, 3.0], Simulator.FlowTimes(3, 2));
        Assert.Equal([0.0], Simulator.FlowTimes(0, 10));
    }

    [Fact]
    public void Gd_DivergesWithTheStepAndKeepsFiniteSnapshots()
    {
        var result = Simulator.Run(new SimulationSpec { Problem = new ProblemSpec(20, 1.0), Algorithm = AlgorithmKind.Gd, LearningRate = 5, Steps = 10_000, Records = 40 });
        Assert.Equal(RunStatus.Diverged, result.Status);
        Assert.NotNull(result.DivergedAtStep);
        Assert.All(result.Trajectory, s => Assert.True(s.IsFinite));
        Assert.True(result.Trajectory[^1].Step < result.DivergedAtStep);
    }

    [Fact]
    public void Cancellation_StopsAfterTheFirstRecord()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        foreach (var algorithm in new[] { AlgorithmKind.Sgd, AlgorithmKind.Gd, AlgorithmKind.Flow })
        {
            var result = Simulator.Run(Sgd(1) with { Algorithm = algorithm }, null, cancelled.Token);
            Assert.Equal(RunStatus.Interrupted, result.Status);
            Assert.Single(result.Trajectory);
        }
    }

    [Fact]
    public void PhaseThreeCapture_KeepsTheStateWhereTheFinalRunInsideTheRegionBegan()
    {
        var capture = new PhaseThreeCapture(2, 1.0, 1e-3);
        double[] inside1 = [1, 2], inside2 = [3, 4];
        Snapshot At(double t, double s, double u) => new(t, 0, s, u, 0, 0, 1 - Math.Abs(u), 0, 0);
        capture.Observe(At(1, 0.5, 0.5), inside1);
        Assert.False(capture.HasState);
        capture.Observe(At(2, 1.0005, 0.9995), inside1);
        capture.Observe(At(3, 0.9, 0.9), inside1); // leaves the region: forget
        capture.Observe(At(4, 1.0002, -0.9999), inside2);
        capture.Observe(At(5, 1.0001, -1.0), inside1);
        Assert.True(capture.HasState);
        Assert.Equal(4, capture.Time);
        Assert.Equal(inside2, capture.State.ToArray());
    }

    /// <summary>
    /// beforePredictions sees the run once, after its steps and before its predictions are joined: everything the returned result
    /// holds except the predictions, so outputs started from it (the plot, the trajectory) are the returned run's.
    /// </summary>
    [Theory]
    [InlineData(AlgorithmKind.Sgd, 1)]
    [InlineData(AlgorithmKind.Sgd, 3)]
    [InlineData(AlgorithmKind.SgdSde, 2)]
    public void BeforePredictions_SeesTheReturnedRunWithoutItsPredictions(AlgorithmKind algorithm, int seeds)
    {
        var spec = new SimulationSpec { Problem = new ProblemSpec(60, 2.0), Algorithm = algorithm, LearningRate = 1e-2, Steps = 400, Records = 20, Seeds = seeds };
        var seen = new List<SimulationResult>();
        var result = Simulator.Run(spec, beforePredictions: seen.Add);
        var early = Assert.Single(seen);
        Assert.Null(early.SgdTheory);
        Assert.NotNull(result.SgdTheory);
        Assert.Equal(result with { SgdTheory = null }, early);
        Assert.Same(result.Trajectory, early.Trajectory);
        Assert.Equal(result.EngineReason, early.EngineReason);

        seen.Clear();
        Simulator.Run(spec with { Predictions = false }, beforePredictions: seen.Add);
        Assert.Empty(seen); // nothing to wait for, so no early call
        Simulator.Run(spec with { Algorithm = AlgorithmKind.Gd, Seeds = 1 }, beforePredictions: seen.Add);
        Assert.Empty(seen);
    }
}
