using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>
/// A run stopped at some piece boundary and continued from its checkpoint (through its bytes) ends exactly where an uninterrupted
/// run ends, for every algorithm, engine and source; checkpoints of another run, version or with a flipped bit are refused.
/// </summary>
public sealed class CheckpointResumeTests
{
    private static SimulationSpec Sgd(EngineKind engine, GaussianSourceKind source, int seeds) => new()
    {
        Problem = new ProblemSpec(40, 2.0, Sigma: 0.1, ProblemSeed: 2),
        Engine = engine,
        Gaussians = source,
        BatchSize = 2,
        LearningRate = 1e-2,
        Steps = 3000,
        Records = 30,
        Seeds = seeds,
        Threads = 2,
        Seed = 9,
    };

    public static TheoryData<string> Runs() => new() { "reference", "projected", "mkl", "projected-vsl", "gd", "gd-logtime", "flow", "ziggurat-spectrum", "sgd-ode", "sgd-sde",
        "scheduled", "scheduled-gd", "scheduled-sgd-ode", "scheduled-sgd-sde" };

    // A given spectrum, teacher and w(0) must travel with the checkpoint; the default (ziggurat) source must save its state.
    private static readonly double[] Eigenvalues = [0.3, 0.02, 0.2, 0.1, 0.05, 0.15, 0.01, 0.08];

    private static SimulationSpec SpecOf(string run) => run switch
    {
        "reference" => Sgd(EngineKind.Reference, GaussianSourceKind.Philox, 3),
        "projected" => Sgd(EngineKind.Projected, GaussianSourceKind.Philox, 3),
        "mkl" => Sgd(EngineKind.Mkl, GaussianSourceKind.Mkl, 3),
        "projected-vsl" => Sgd(EngineKind.Projected, GaussianSourceKind.Mkl, 1),
        // A schedule's clock is replayed on resume: the time and every later step size must come back bit for bit.
        "scheduled" => Sgd(EngineKind.Projected, GaussianSourceKind.Auto, 3) with { Schedule = LearningRateSchedule.Parse("wsd:warmup=0.1,stable=0.5,shape=cosine") },
        "scheduled-gd" => new SimulationSpec
        {
            Problem = new ProblemSpec(50, 2.0, ProblemSeed: 1),
            Algorithm = AlgorithmKind.Gd,
            LearningRate = 0.05,
            Time = 300,
            Records = 40,
            Schedule = LearningRateSchedule.Parse("power:t0=20,beta=0.7")
        },
        "gd" => new SimulationSpec { Problem = new ProblemSpec(50, 2.0, ProblemSeed: 1), Algorithm = AlgorithmKind.Gd, LearningRate = 0.05, Time = 300, Records = 40 },
        // steps·d above the plain-GD limit: the log-time integrator, whose tracked overlaps must survive the save.
        "gd-logtime" => new SimulationSpec { Problem = new ProblemSpec(50, 2.0, ProblemSeed: 1), Algorithm = AlgorithmKind.Gd, LearningRate = 1e-3, Time = 1e6, Records = 40 },
        "ziggurat-spectrum" => Sgd(EngineKind.Projected, GaussianSourceKind.Auto, 2) with
        {
            Problem = ProblemSpec.ForEigenvalues(Eigenvalues, sigma: 0.1) with { Teacher = [1, 2, 3, 4, 5, 6, 7, 8], Initial = [0.1, 0, 0, 0, 0, 0, 0, 0.1] },
        },
        // The moment equations: the variances, besides the mean, must survive the save.
        "sgd-ode" => new SimulationSpec
        {
            Problem = new ProblemSpec(50, 2.0, Sigma: 0.1, ProblemSeed: 1),
            Algorithm = AlgorithmKind.SgdOde,
            LearningRate = 0.01,
            Time = 1e4,
            Records = 40,
        },
        "sgd-sde" => Sgd(EngineKind.Auto, GaussianSourceKind.Philox, 2) with { Algorithm = AlgorithmKind.SgdSde, SdeStride = 2 },
        "scheduled-sgd-ode" => new SimulationSpec
        {
            Problem = new ProblemSpec(50, 2.0, Sigma: 0.1, ProblemSeed: 1),
            Algorithm = AlgorithmKind.SgdOde,
            LearningRate = 0.01,
            Time = 1e3,
            Records = 40,
            Schedule = LearningRateSchedule.Parse("step:10=0.5,200=0.1"),
        },
        "scheduled-sgd-sde" => Sgd(EngineKind.Auto, GaussianSourceKind.Philox, 2) with
        {
            Algorithm = AlgorithmKind.SgdSde,
            SdeStride = 2,
            Schedule = LearningRateSchedule.Parse("cosine:warmup=0.2,final=0.01"),
        },
        _ => new SimulationSpec { Problem = new ProblemSpec(50, 2.0, ProblemSeed: 1), Algorithm = AlgorithmKind.Flow, Time = 1e5, Records = 40 },
    };

    [SkippableTheory]
    [MemberData(nameof(Runs))]
    public void InterruptedAndResumed_EqualsUninterrupted(string run)
    {
        if (run is "mkl" or "projected-vsl") MklRequirement.SkipUnlessAvailable();
        var spec = SpecOf(run);
        var whole = Simulator.Run(spec);
        Assert.Equal(RunStatus.Completed, whole.Status);

        // Stop at progress report n (a piece boundary somewhere in the run), saving at every boundary on the way.
        int reports = 0;
        var rng = new Random(run.Length * 31 + 7);
        using var cancel = new CancellationTokenSource();
        var stopAt = rng.Next(3, 40);
        var saved = new List<byte[]>();
        int checkpointCount = 0;
        // At report stopAt or later, once two checkpoints exist: under load an ensemble may not have completed two by then.
        var progress = new SyncProgress(_ => { if (++reports >= stopAt && Volatile.Read(ref checkpointCount) >= 2) cancel.Cancel(); });
        var options = new CheckpointOptions { Every = TimeSpan.FromTicks(1), Write = c => { lock (saved) saved.Add(c.ToBytes()); Interlocked.Increment(ref checkpointCount); } };
        var stopped = Simulator.Run(spec, progress, cancel.Token, options);
        Assert.Equal(RunStatus.Interrupted, stopped.Status);
        Assert.True(saved.Count >= 2, $"{saved.Count} checkpoints");

        var last = SimulationCheckpoint.FromBytes(saved[^1]);
        Assert.Contains(last.Members, m => m.Status == SavedMemberStatus.Running && m.Position.RecordsDone >= 1
            && (m.Position.Advancer.Step > 0 || m.Position.Advancer.Time > 0));

        // The saved state is what the resumed run continues from: a nudged w ends elsewhere.
        var nudged = last with
        {
            Members = last.Members.Select(m => m.Status == SavedMemberStatus.Running
            ? m with { W = m.W.Select((x, i) => i == 0 ? x + 1e-3 : x).ToArray() } : m).ToArray()
        };
        Assert.NotEqual(whole.Trajectory, Simulator.Run(spec, null, default, new CheckpointOptions { ResumeFrom = nudged }).Trajectory);
        if (run == "sgd-ode")
        {
            // So are the saved variances (the integrator's state beside the mean): a larger one ends elsewhere.
            var wider = last with
            {
                Members = last.Members.Select(m => m.Status == SavedMemberStatus.Running ? m with { StepperState = Widened(m.StepperState) } : m).ToArray()
            };
            Assert.NotEqual(whole.Trajectory, Simulator.Run(spec, null, default, new CheckpointOptions { ResumeFrom = wider }).Trajectory);
        }

        // From the checkpoint written at the interruption, and from one written on the way.
        foreach (byte[] bytes in new[] { saved[^1], saved[rng.Next(saved.Count - 1)] })
        {
            var checkpoint = SimulationCheckpoint.FromBytes(bytes);
            var resumed = Simulator.Run(spec with { Threads = 1 }, null, default, new CheckpointOptions { ResumeFrom = checkpoint });
            AssertSameOutcome(whole, resumed);
        }
    }

    // The sgd-ode's state bytes: a tag, d, then the d variances as little-endian doubles; the first is raised by 1e-3.
    private static byte[] Widened(byte[] state)
    {
        var copy = state.ToArray();
        double v = System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(copy.AsSpan(8));
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(copy.AsSpan(8), v + 1e-3);
        return copy;
    }

    [Fact]
    public void ACheckpointOfAnotherRun_IsRefusedNamingTheSetting()
    {
        var spec = SpecOf("reference");
        var checkpoint = Stopped(spec);
        var ex = Assert.Throws<CheckpointException>(() =>
            Simulator.Run(spec with { LearningRate = 2e-2 }, null, default, new CheckpointOptions { ResumeFrom = checkpoint }));
        Assert.Equal("the checkpoint was made with eta = 0.01, not 0.02; resume with the same settings.", ex.Message);
        Assert.Contains("seed = 9", Assert.Throws<CheckpointException>(() =>
            Simulator.Run(spec with { Seed = 10 }, null, default, new CheckpointOptions { ResumeFrom = checkpoint })).Message);
        var spectral = SpecOf("ziggurat-spectrum");
        var spectralCheckpoint = SimulationCheckpoint.FromBytes(Stopped(spectral).ToBytes());
        Assert.Equal(Eigenvalues, spectralCheckpoint.Spec.Problem.Eigenvalues);
        var otherSpectrum = spectral with { Problem = spectral.Problem with { Eigenvalues = Eigenvalues.Reverse().ToArray() } };
        Assert.Contains("other spectrum values", Assert.Throws<CheckpointException>(() =>
            Simulator.Run(otherSpectrum, null, default, new CheckpointOptions { ResumeFrom = spectralCheckpoint })).Message);
        // The thread count does not change results, so it may differ.
        Assert.Equal(RunStatus.Completed, Simulator.Run(spec with { Threads = 1 }, null, default, new CheckpointOptions { ResumeFrom = checkpoint }).Status);
    }

    [Fact]
    public void CorruptedTruncatedForeignOrOtherVersionBytes_AreRefusedSayingWhy()
    {
        var checkpoint = Stopped(SpecOf("flow"));
        byte[] bytes = checkpoint.ToBytes();
        Assert.Equal(checkpoint.Members[0].W, SimulationCheckpoint.FromBytes(bytes).Members[0].W);

        var flipped = bytes.ToArray();
        flipped[flipped.Length / 2] ^= 0x10;
        Assert.Contains("checksum", Assert.Throws<CheckpointException>(() => SimulationCheckpoint.FromBytes(flipped)).Message);
        Assert.Contains("truncated", Assert.Throws<CheckpointException>(() => SimulationCheckpoint.FromBytes(bytes.AsSpan(0, bytes.Length - 5))).Message);
        Assert.Contains("not a FastPR checkpoint", Assert.Throws<CheckpointException>(() => SimulationCheckpoint.FromBytes("{\"status\":1}"u8)).Message);
        var other = (checkpoint with { FastprVersion = "0.0.1-elsewhere" }).ToBytes();
        Assert.Contains("FastPR 0.0.1-elsewhere", Assert.Throws<CheckpointException>(() => SimulationCheckpoint.FromBytes(other)).Message);
    }

    [Fact]
    public void CheckpointsAreWrittenPeriodically_AndNotAtAllWithoutAWriter()
    {
        var spec = SpecOf("projected");
        int written = 0;
        var result = Simulator.Run(spec, null, default, new CheckpointOptions { Every = TimeSpan.FromTicks(1), Write = _ => written++ });
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(written >= 3, $"{written} checkpoints");
        var same = Simulator.Run(spec, null, default, new CheckpointOptions { Every = TimeSpan.FromTicks(1) });
        Assert.Equal(result.Trajectory, same.Trajectory);
    }

    [Theory]
    [InlineData("projected")] // an SGD engine
    [InlineData("gd-logtime")]
    [InlineData("scheduled")] // an SGD engine on a schedule's clock
    public void ACheckpointsTime_IsWhereTheRunStopped_NotItsLastRecord(string run)
    {
        // Three records: the run stops far past the second one, where log-spaced records leave a checkpoint in a long run.
        var spec = SpecOf(run) with { Records = 3, Seeds = 1 };
        using var cancel = new CancellationTokenSource();
        SimulationCheckpoint? last = null;
        int written = 0;
        var stopped = Simulator.Run(spec, null, cancel.Token, new CheckpointOptions
        {
            Every = TimeSpan.FromTicks(1),
            Write = c =>
            {
                last = c;
                if (++written == 20) cancel.Cancel();
            },
        });
        Assert.Equal(RunStatus.Interrupted, stopped.Status);
        var member = Assert.Single(last!.Members);
        var position = member.Position;
        Assert.True(position.Advancer.Step > position.LastFinite.Step, $"stopped at step {position.Advancer.Step}, at its last record");
        Assert.True(last.Time > position.LastFinite.Time, $"t = {last.Time}, the last record's {position.LastFinite.Time}");
        if (spec.Schedule is null) Assert.Equal(position.Advancer.Step * spec.LearningRate, last.Time, 1e-12 * last.Time); // t = η·step
        else Assert.True(last.Time < Simulator.Run(spec).Final!.Value.Time, "a stopped run is short of the whole run's end");
    }

    private static SimulationCheckpoint Stopped(SimulationSpec spec)
    {
        using var cancel = new CancellationTokenSource();
        int reports = 0;
        SimulationCheckpoint? last = null;
        Simulator.Run(spec, new SyncProgress(_ => { if (++reports == 5) cancel.Cancel(); }), cancel.Token, new CheckpointOptions { Write = c => last = c });
        Assert.NotNull(last);
        return last;
    }

    private static void AssertSameOutcome(SimulationResult expected, SimulationResult actual)
    {
        Assert.Equal(RunStatus.Completed, actual.Status);
        Assert.Equal(expected.Trajectory, actual.Trajectory);
        Assert.Equal(expected.Members.Length, actual.Members.Length);
        for (int m = 0; m < expected.Members.Length; m++)
        {
            Assert.Equal(expected.Members[m].Result, actual.Members[m].Result);
            Assert.Equal(expected.Members[m].Phases, actual.Members[m].Phases);
            Assert.Equal(expected.Members[m].Trajectory, actual.Members[m].Trajectory);
        }
        Assert.Equal(expected.Timing.StepsCompleted, actual.Timing.StepsCompleted);
        Assert.Equal(expected.Analysis.Phases, actual.Analysis.Phases);
        Assert.Equal(expected.Analysis.PhaseThree?.StartTime, actual.Analysis.PhaseThree?.StartTime);
        Assert.Equal(expected.Analysis.PhaseThree?.PredictedMse, actual.Analysis.PhaseThree?.PredictedMse);
    }

    private sealed class SyncProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        private readonly object _gate = new();

        public void Report(SimulationProgress value)
        {
            lock (_gate) report(value);
        }
    }
}
