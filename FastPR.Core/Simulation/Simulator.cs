using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace FastPR.Core;

/// <summary>
/// Runs a <see cref="SimulationSpec"/>: an SGD or sgd-sde ensemble through <see cref="EnsembleRunner"/>, population GD (plain steps, or the
/// log-time integrator when steps·d exceeds <see cref="PlainGdWorkLimit"/>) or the gradient flow (log-time integrator), and analyses
/// the trajectory. Progress is reported as a <see cref="SimulationProgress"/>; cancellation stops at the next check and returns what
/// was recorded. With <see cref="CheckpointOptions"/> the run is saved as it goes and when cancelled, and a saved run continues to
/// the very result an uninterrupted one gives.
/// </summary>
public static class Simulator
{
    /// <summary>Largest steps·d for which GD runs step by step; beyond it the exact-leap log-time integrator takes over.</summary>
    public const long PlainGdWorkLimit = 1_000_000_000;

    /// <summary>First output time after 0 of the flow's log-spaced grid (smaller when the horizon is short).</summary>
    public const double FlowFirstTime = 1e-2;

    // Leaps between the flow's progress reports besides records (a leap costs a few O(d) passes).
    private const long FlowProgressLeaps = 16;

    /// <summary>Validates <paramref name="spec"/>, builds the problem and runs it.</summary>
    /// <exception cref="ArgumentException">An invalid setting; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="Native.MklNotFoundException">MKL was asked for (or auto-selected) and cannot be loaded.</exception>
    /// <exception cref="CheckpointException">The checkpoint to resume is of another run.</exception>
    /// <param name="spec">The run.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Stops the run at its next check; what was recorded is returned.</param>
    /// <param name="checkpoints">Saves the run as it goes, or continues a saved one.</param>
    /// <param name="beforePredictions">
    /// For SGD and sgd-sde runs with predictions: called once on this thread when the steps have ended, before the sgd-ode
    /// predictions are awaited, with the result as it stands (<see cref="SimulationResult.SgdTheory"/> null; a prediction interrupted
    /// later still turns the returned result's status to interrupted). The rest of that result is the returned one's, so a caller
    /// can render or write what does not depend on the predictions (the trajectory, its plot) while they finish.
    /// </param>
    public static SimulationResult Run(SimulationSpec spec, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default,
        CheckpointOptions? checkpoints = null, Action<SimulationResult>? beforePredictions = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (checkpoints?.ResumeFrom?.Mismatch(spec) is string mismatch) throw new CheckpointException(mismatch);
        var problem = new Problem(spec.Problem);
        return spec.Algorithm switch
        {
            AlgorithmKind.Sgd => RunSgd(spec, problem, progress, cancellationToken, checkpoints, beforePredictions),
            AlgorithmKind.Gd => RunGd(spec, problem, progress, cancellationToken, checkpoints),
            AlgorithmKind.SgdOde => RunSgdOde(spec, problem, progress, cancellationToken, checkpoints),
            AlgorithmKind.SgdSde => RunSgdSde(spec, problem, progress, cancellationToken, checkpoints, beforePredictions),
            _ => RunFlow(spec, problem, progress, cancellationToken, checkpoints),
        };
    }

    private static SimulationResult RunSgd(SimulationSpec spec, Problem problem, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken,
        CheckpointOptions? options, Action<SimulationResult>? beforePredictions)
    {
        long total = spec.TotalSteps;
        var records = RecordSchedule.LogSpaced(total, spec.Records);
        var settings = new SgdSettings(spec.BatchSize, spec.LearningRate);
        int threads = Math.Min(spec.Threads ?? Environment.ProcessorCount, spec.Seeds);
        // First, so that on a free core it overlaps choosing and building the engines (which may wait for MKL to load).
        using var predictions = SgdPredictionRun.Start(spec, problem, threads, cancellationToken);
        // A resumed run keeps what "auto" chose when it started, whatever this machine would choose.
        var choice = SgdEngines.Choose(spec.Engine, problem, spec.BatchSize, spec.IdenticalMinibatches);
        var engineKind = options?.ResumeFrom?.Engine ?? choice.Kind;
        var sourceKind = options?.ResumeFrom?.Gaussians ?? GaussianSources.Resolve(spec.Gaussians);
        string sourceName = "";
        ISgdEngine Create(int member)
        {
            var source = GaussianSources.Create(sourceKind, spec.Seed, member);
            try
            {
                var engine = SgdEngines.Create(engineKind, problem, settings, source);
                if (member == 0) sourceName = source.Name;
                return engine;
            }
            catch
            {
                source.Dispose();
                throw;
            }
        }

        // Member 0 is built up front so a missing library or engine fails before any work, outside the parallel loop.
        var first = Create(0);
        if (options?.Write is not null && first is not IResumable { CanSaveState: true })
        {
            first.Dispose();
            throw new ArgumentException($"engine {first.Name} with source {sourceName} cannot save its state; turn checkpoints off.", "checkpoint-every");
        }
        var saves = options is null ? null : new CheckpointCoordinator(spec, engineKind, sourceKind, options, cancellationToken);
        string engineName = first.Name;
        int gaussiansPerStep = first.GaussiansPerStep;
        var stepProgress = progress is null ? null : new EnsembleProgress(progress, Math.Max(total, 1), spec.Seeds, spec.LearningRate);
        var clock = Stopwatch.StartNew();
        var ensemble = RunMembers(spec.Seeds, first, Create, records, threads, stepProgress, cancellationToken, saves, spec.ClockFactory);
        double wall = saves?.WallSeconds ?? clock.Elapsed.TotalSeconds;
        var result = EnsembleOutcome(spec, problem, ensemble, records.Length, engineName, sourceName, wall, gaussiansPerStep, threads, predictions,
            choice.Reason, beforePredictions);
        // Interrupted in the steps, or in the prediction after them (then a resume only predicts again): the checkpoint is written.
        if (result.Status == RunStatus.Interrupted) saves?.WriteNow();
        return result;
    }

    // Members, threads, seeds and checkpoints are SGD's (EnsembleRunner); a member's state is w and its source's stream.
    private static SimulationResult RunSgdSde(SimulationSpec spec, Problem problem, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken,
        CheckpointOptions? options, Action<SimulationResult>? beforePredictions)
    {
        long total = spec.SdeSteps;
        var records = RecordSchedule.LogSpaced(total, spec.Records);
        var settings = new SgdSettings(spec.BatchSize, spec.LearningRate);
        int threads = Math.Min(spec.Threads ?? Environment.ProcessorCount, spec.Seeds);
        using var predictions = SgdPredictionRun.Start(spec, problem, threads, cancellationToken); // first, as for SGD
        var sourceKind = options?.ResumeFrom?.Gaussians ?? GaussianSources.Resolve(spec.Gaussians);
        SgdSdeStepper Create(int member)
        {
            var source = GaussianSources.Create(sourceKind, spec.Seed, member);
            try
            {
                return new SgdSdeStepper(problem, settings, spec.SdeStride, source);
            }
            catch
            {
                source.Dispose();
                throw;
            }
        }

        var first = Create(0); // fails before any work when the source cannot load
        string sourceName = first.Source.Name;
        if (options?.Write is not null && !first.CanSaveState)
        {
            first.Dispose();
            throw new ArgumentException($"the sgd-sde with source {sourceName} cannot save its state; turn checkpoints off.", "checkpoint-every");
        }
        var saves = options is null ? null : new CheckpointCoordinator(spec, spec.Engine, sourceKind, options, cancellationToken);
        double timePerStep = spec.SdeStride * spec.LearningRate;
        var stepProgress = progress is null ? null : new EnsembleProgress(progress, Math.Max(total, 1), spec.Seeds, timePerStep);
        var clock = Stopwatch.StartNew();
        var ensemble = RunMembers(spec.Seeds, first, Create, records, threads, stepProgress, cancellationToken, saves,
            spec.ClockFactory);
        double wall = saves?.WallSeconds ?? clock.Elapsed.TotalSeconds;
        var result = EnsembleOutcome(spec, problem, ensemble, records.Length, first.Name, sourceName, wall, first.GaussiansPerStep, threads, predictions,
            null, beforePredictions);
        if (result.Status == RunStatus.Interrupted) saves?.WriteNow();
        return result;
    }

    /// <summary>
    /// The result of an SGD or sgd-sde ensemble: members, the trajectory (the mean for several), timing, analysis, predictions. A
    /// completed ensemble whose prediction was interrupted is interrupted. <paramref name="beforePredictions"/> sees the rest first.
    /// </summary>
    private static SimulationResult EnsembleOutcome(SimulationSpec spec, Problem problem, EnsembleResult ensemble, int records, string stepperName, string sourceName,
        double wall, int gaussiansPerStep, int threads, SgdPredictionRun predictions, string? engineReason, Action<SimulationResult>? beforePredictions)
    {
        var (members, steps, divergedAt) = Outcomes(spec, problem, ensemble);
        var trajectory = spec.Seeds == 1 ? ensemble.Trajectories[0] : ensemble.Aggregate.MeanTrajectory();
        var timing = SimulationTiming.From(wall, steps, steps * (long)gaussiansPerStep, threads);
        var stepped = new SimulationResult(spec, problem, ensemble.Status, divergedAt, stepperName, sourceName, members, trajectory,
            spec.Seeds > 1 ? ensemble.Aggregate : null, timing, SimulationAnalysis.Analyze(problem, trajectory, spec.Epsilon),
            null, SignAlignment.Of(ensemble.Trajectories, records))
        { Escapes = EscapeDistribution.Of(members.Select(m => m.Phases).ToArray()), EngineReason = engineReason };
        if (spec.Predictions) beforePredictions?.Invoke(stepped);
        var sgdTheory = predictions.Finish();
        // A prediction cut short by a signal is no prediction: the run is interrupted, never completed with a truncated one.
        var status = ensemble.Status == RunStatus.Completed && sgdTheory?.Status == RunStatus.Interrupted ? RunStatus.Interrupted : ensemble.Status;
        return stepped with { Status = status, SgdTheory = sgdTheory };
    }

    // Member 0 was built up front (so a missing library fails outside the parallel loop) and is disposed here; the runner disposes
    // it too unless it never started it, and disposing twice is harmless. One member's failure surfaces as itself, not wrapped.
    private static EnsembleResult RunMembers<T>(int members, T first, Func<int, T> create, long[] records, int threads,
        IProgress<long>? progress, CancellationToken cancellationToken, CheckpointCoordinator? saves, Func<StepSizeClock>? newClock)
        where T : IStepper
    {
        try
        {
            return EnsembleRunner.Run(members, m => m == 0 ? first : create(m), records, threads, progress, cancellationToken, saves, newClock);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            throw;
        }
        finally
        {
            first.Dispose();
        }
    }

    /// <summary>Each member's outcome with its phases, the steps over all members, and the earliest divergence.</summary>
    private static (MemberOutcome[] Members, long Steps, long? DivergedAt) Outcomes(SimulationSpec spec, Problem problem, EnsembleResult ensemble)
    {
        var members = new MemberOutcome[spec.Seeds];
        long steps = 0;
        long? divergedAt = null;
        for (int m = 0; m < spec.Seeds; m++)
        {
            var result = ensemble.Members[m];
            steps += result.StepsCompleted;
            if (result.DivergedAtStep is long at) divergedAt = divergedAt is long d ? Math.Min(d, at) : at;
            members[m] = new MemberOutcome(m, SeedSequence.RunKey(spec.Seed, m), result,
                SimulationAnalysis.DetectPhases(problem, ensemble.Trajectories[m], spec.Epsilon))
            { Trajectory = ensemble.Trajectories[m] };
        }
        return (members, steps, divergedAt);
    }

    private static SimulationResult RunGd(SimulationSpec spec, Problem problem, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken,
        CheckpointOptions? options)
    {
        long total = spec.TotalSteps;
        var records = RecordSchedule.LogSpaced(total, spec.Records);
        var recording = new Recording(problem, spec, records.Length);
        var (w, saves, saver, from) = Deterministic(spec, problem, recording, options, cancellationToken);
        long progressInterval = TrajectoryRunner.ProgressInterval(total);
        // A schedule's GD runs step by step: the log-time leaps assume one η.
        if ((double)total * problem.Dimension <= PlainGdWorkLimit || !spec.Schedule.IsConstant)
        {
            using var gd = new PopulationGradientDescent(problem, spec.LearningRate);
            var steps = new StepperAdvancer(gd, records, spec.NewClock());
            var reporter = progress is null ? null : new Reporter(progress, p => (total == 0 ? 1 : (double)p.Position / total, p.Position, false));
            var result = RunDriver.Run(ref steps, problem, w, records.Length, recording, reporter, progressInterval, cancellationToken, saver, from);
            return recording.Finish(gd.Name, result, result.StepsCompleted, saves);
        }

        var integrator = new LogTimeGdIntegrator(problem, spec.LearningRate);
        var leaps = new LogTimeGdAdvancer(integrator, records);
        var leapReporter = progress is null ? null
            : new Reporter(progress, p => ((double)p.RecordsDone / records.Length, integrator.LeapCount, true));
        var run = RunDriver.Run(ref leaps, problem, w, records.Length, recording, leapReporter, progressInterval, cancellationToken, saver, from);
        return recording.Finish("gd-logtime", run, integrator.LeapCount, saves);
    }

    private static SimulationResult RunFlow(SimulationSpec spec, Problem problem, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken,
        CheckpointOptions? options)
    {
        double[] times = FlowTimes(spec.Horizon, spec.Records);
        var recording = new Recording(problem, spec, times.Length);
        var integrator = new LogTimeFlowIntegrator(problem, LogTimeOptions.ForTolerance(spec.Tolerance));
        var (w, saves, saver, from) = Deterministic(spec, problem, recording, options, cancellationToken);
        var leaps = new LogTimeFlowAdvancer(integrator, times);
        var reporter = progress is null ? null : new Reporter(progress, p => ((double)p.RecordsDone / times.Length, p.Position, true));
        var result = RunDriver.Run(ref leaps, problem, w, times.Length, recording, reporter, FlowProgressLeaps, cancellationToken, saver, from);
        return recording.Finish("flow-logtime", result, integrator.LeapCount, saves);
    }

    /// <summary>
    /// The start of a deterministic run: w, and when checkpointing, the saver and the restored recording. <paramref name="state"/>
    /// holds what the run's state has beyond w and the advancer's (the sgd-ode's variances).
    /// </summary>
    private static (double[] W, CheckpointCoordinator Saves, IRunSaver? Saver, RunPosition? From) Deterministic(
        SimulationSpec spec, Problem problem, Recording recording, CheckpointOptions? options, CancellationToken cancellationToken,
        IResumable? state = null)
    {
        var saves = new CheckpointCoordinator(spec, spec.Engine, spec.Gaussians, options, cancellationToken);
        var saved = saves.Member(0);
        double[] w = problem.CopyInitialPoint();
        RunPosition? from = null;
        if (saved.Status == SavedMemberStatus.Running)
        {
            Guard.Length(saved.W.Length, problem.Dimension, "w");
            w = saved.W.ToArray();
            if (state is not null) RestoreState(state, saved.StepperState);
            else if (saved.StepperState.Length != 0) throw new CheckpointException("the checkpoint holds a state this algorithm does not have.");
            recording.Restore(saved.Snapshots, options?.ResumeFrom?.Capture);
            from = saved.Position;
        }
        else if (saved.Status == SavedMemberStatus.Finished)
        {
            throw new CheckpointException("the checkpoint holds a run that has already ended; there is nothing to resume.");
        }
        if (!saves.Saves) return (w, saves, null, from);
        saves.Capture = recording.SavedCapture;
        return (w, saves, saves.Start(0, state, recording.SavedSnapshots), from);
    }

    private static void RestoreState(IResumable target, byte[] state)
    {
        try
        {
            target.RestoreState(state);
        }
        catch (ArgumentException ex)
        {
            throw new CheckpointException($"the checkpoint's saved state does not fit this run: {ex.Message}");
        }
    }

    // The moment equations' state is the mean m (the driver's w) and the variances, which the integrator saves itself.
    private static SimulationResult RunSgdOde(SimulationSpec spec, Problem problem, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken,
        CheckpointOptions? options)
    {
        double[] times = FlowTimes(spec.Horizon, spec.Records);
        var recording = new Recording(problem, spec, times.Length);
        var integrator = new LogTimeSgdOdeIntegrator(problem, new SgdSettings(spec.BatchSize, spec.LearningRate), spec.Closure,
            LogTimeOptions.ForTolerance(spec.Tolerance), spec.NewClock());
        var (m, saves, saver, from) = Deterministic(spec, problem, recording, options, cancellationToken, integrator);
        var leaps = new SgdOdeAdvancer(integrator, times);
        var reporter = progress is null ? null : new Reporter(progress, p => ((double)p.RecordsDone / times.Length, p.Position, true));
        var result = RunDriver.Run(ref leaps, problem, m, times.Length, recording, reporter, FlowProgressLeaps, cancellationToken, saver, from);
        return recording.Finish("sgd-ode-logtime", result, integrator.LeapCount, saves);
    }

    /// <summary>Output times of the flow: 0, then <paramref name="records"/> − 1 log-spaced times up to the horizon.</summary>
    public static double[] FlowTimes(double horizon, int records)
    {
        if (horizon <= 0) return [0];
        if (records <= 2) return [0, horizon];
        double first = Math.Min(FlowFirstTime, horizon / 1e3);
        return LogTimeGrid.LogSpaced(first, horizon, records - 1, includeZero: true);
    }

    /// <summary>Snapshots and Phase III capture of one deterministic run: the driver's record sink.</summary>
    private sealed class Recording(Problem problem, SimulationSpec spec, int capacity) : IRecordSink
    {
        private readonly PhaseThreeCapture _capture = SimulationAnalysis.CreateCapture(problem, spec.Epsilon);
        private readonly List<Snapshot> _snapshots = new(capacity);

        public void Restore(Snapshot[] snapshots, SavedCapture? capture)
        {
            _snapshots.Clear();
            _snapshots.AddRange(snapshots);
            if (capture is not null) _capture.Restore(capture.Time, capture.State);
        }

        public Snapshot[] SavedSnapshots() => _snapshots.ToArray();

        public SavedCapture? SavedCapture() => _capture.HasState ? new SavedCapture(_capture.Time, _capture.State.ToArray()) : null;

        public void Record(in Snapshot snapshot, ReadOnlySpan<double> w)
        {
            _snapshots.Add(snapshot);
            _capture.Observe(snapshot, w);
        }

        public SimulationResult Finish(string stepper, RunResult result, long work, CheckpointCoordinator saves)
        {
            double wallSeconds = saves.WallSeconds;
            if (result.Status == RunStatus.Interrupted) saves.WriteNow();
            var trajectory = _snapshots.ToArray();
            var member = new MemberOutcome(0, 0, result, SimulationAnalysis.DetectPhases(problem, trajectory, spec.Epsilon)) { Trajectory = trajectory };
            var timing = SimulationTiming.From(wallSeconds, work, 0, 1);
            return new SimulationResult(spec, problem, result.Status, result.DivergedAtStep, stepper, null, [member], trajectory, null, timing,
                SimulationAnalysis.Analyze(problem, trajectory, spec.Epsilon, _capture));
        }
    }

    /// <summary>Turns the driver's progress into a <see cref="SimulationProgress"/> (fraction, work done, whether it counts leaps).</summary>
    private sealed class Reporter(IProgress<SimulationProgress> target, Func<RunProgress, (double Fraction, long Work, bool Leaps)> map) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            var (fraction, work, leaps) = map(value);
            target.Report(new SimulationProgress(Math.Min(1, fraction), value.Time, work, leaps));
        }
    }

    /// <summary>Turns the steps done over all members into progress, synchronously on the reporting thread.</summary>
    private sealed class EnsembleProgress(IProgress<SimulationProgress> target, long total, int members, double learningRate) : IProgress<long>
    {
        public void Report(long value) =>
            target.Report(new SimulationProgress(Math.Min(1, value / ((double)total * members)), (double)value / members * learningRate, value, Leaps: false));
    }
}
