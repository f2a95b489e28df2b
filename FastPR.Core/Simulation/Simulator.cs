using System.Diagnostics;
using System.Runtime.ExceptionServices;
using FastPR.Core.Dynamics;
using FastPR.Core.Engines;
using FastPR.Core.Ensembles;
using FastPR.Core.Model;
using FastPR.Core.Randomness;
using FastPR.Core.Run;
using FastPR.Core.Statistics;
using FastPR.Core.Theory;

namespace FastPR.Core.Simulation;

/// <summary>
/// Runs a <see cref="SimulationSpec"/>: an SGD ensemble through <see cref="EnsembleRunner"/>, population GD (plain steps, or the
/// log-time integrator when steps·d exceeds <see cref="PlainGdWorkLimit"/>) or the gradient flow (log-time integrator), and analyses
/// the trajectory. Progress is reported as a fraction in [0, 1]; cancellation stops at the next check and returns what was recorded.
/// </summary>
public static class Simulator
{
    /// <summary>Largest steps·d for which GD runs step by step; beyond it the exact-leap log-time integrator takes over.</summary>
    public const long PlainGdWorkLimit = 1_000_000_000;

    /// <summary>First output time after 0 of the flow's log-spaced grid (smaller when the horizon is short).</summary>
    public const double FlowFirstTime = 1e-2;

    /// <summary>Validates <paramref name="spec"/>, builds the problem and runs it.</summary>
    /// <exception cref="ArgumentException">An invalid setting; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="Native.MklNotFoundException">MKL was asked for (or auto-selected) and cannot be loaded.</exception>
    public static SimulationResult Run(SimulationSpec spec, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var problem = new Problem(spec.Problem);
        return spec.Algorithm switch
        {
            Algorithm.Sgd => RunSgd(spec, problem, progress, cancellationToken),
            Algorithm.Gd => RunGd(spec, problem, progress, cancellationToken),
            _ => RunFlow(spec, problem, progress, cancellationToken),
        };
    }

    private static SimulationResult RunSgd(SimulationSpec spec, Problem problem, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        long total = spec.TotalSteps;
        var checkpoints = CheckpointSchedule.LogSpaced(total, spec.Records);
        var settings = new SgdSettings(spec.BatchSize, spec.LearningRate);
        var choice = SgdEngines.Choose(spec.Engine, problem, spec.BatchSize, spec.IdenticalMinibatches);
        var engineKind = choice.Kind;
        var sourceKind = GaussianSources.Resolve(spec.Gaussians);
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
        string engineName = first.Name;
        int gaussiansPerStep = first.GaussiansPerStep;
        int threads = Math.Min(spec.Threads ?? Environment.ProcessorCount, spec.Seeds);
        var stepProgress = progress is null ? null : new FractionProgress(progress, (double)Math.Max(total, 1) * spec.Seeds);
        var clock = Stopwatch.StartNew();
        EnsembleResult ensemble;
        try
        {
            ensemble = EnsembleRunner.Run(spec.Seeds, m => m == 0 ? first : Create(m), checkpoints, threads, stepProgress, cancellationToken);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            throw;
        }
        finally
        {
            first.Dispose(); // the runner disposes it too unless it never started member 0; disposing twice is harmless
        }
        double wall = clock.Elapsed.TotalSeconds;

        var members = new MemberOutcome[spec.Seeds];
        long steps = 0;
        long? divergedAt = null;
        for (int m = 0; m < spec.Seeds; m++)
        {
            var result = ensemble.Members[m];
            steps += result.StepsCompleted;
            if (result.DivergedAtStep is long at) divergedAt = divergedAt is long d ? Math.Min(d, at) : at;
            members[m] = new MemberOutcome(m, SeedSequence.RunKey(spec.Seed, m), result,
                SimulationAnalysis.DetectPhases(problem, ensemble.Trajectories[m], spec.Epsilon));
        }
        var trajectory = spec.Seeds == 1 ? ensemble.Trajectories[0] : ensemble.Aggregate.MeanTrajectory();
        var timing = SimulationTiming.From(wall, steps, steps * (long)gaussiansPerStep, threads);
        return new SimulationResult(spec, problem, ensemble.Status, divergedAt, engineName, sourceName, members, trajectory,
            spec.Seeds > 1 ? ensemble.Aggregate : null, timing, SimulationAnalysis.Analyze(problem, trajectory, spec.Epsilon))
        { EngineReason = choice.Reason };
    }

    private static SimulationResult RunGd(SimulationSpec spec, Problem problem, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        long total = spec.TotalSteps;
        var checkpoints = CheckpointSchedule.LogSpaced(total, spec.Records);
        bool plain = (double)total * problem.Dimension <= PlainGdWorkLimit;
        var recording = new Recording(problem, spec, checkpoints.Length);
        var w = problem.CopyInitialPoint();
        var clock = Stopwatch.StartNew();
        long work;
        string name;
        if (plain)
        {
            using var gd = new PopulationGradientDescent(problem, spec.LearningRate);
            name = gd.Name;
            long step = 0;
            for (int k = 0; k < checkpoints.Length && recording.Status == RunStatus.Completed; k++)
            {
                while (step < checkpoints[k])
                {
                    if (cancellationToken.IsCancellationRequested) { recording.Interrupt(step); break; }
                    long chunkEnd = Math.Min(checkpoints[k], step + TrajectoryRunner.DivergenceCheckInterval);
                    for (; step < chunkEnd; step++) gd.Step(w);
                    if (!AllFinite(w)) { recording.Diverge(step); break; }
                }
                if (recording.Status == RunStatus.Completed) recording.Record(w, step * spec.LearningRate, step);
                progress?.Report(total == 0 ? 1 : (double)step / total);
            }
            work = step;
        }
        else
        {
            var integrator = new LogTimeGdIntegrator(problem, spec.LearningRate);
            name = "gd-logtime";
            long step = 0;
            for (int k = 0; k < checkpoints.Length; k++)
            {
                if (k > 0 && cancellationToken.IsCancellationRequested) { recording.Interrupt(step); break; }
                bool finite = integrator.Advance(w, step, checkpoints[k]);
                step = checkpoints[k];
                if (!finite) { recording.Diverge(step); break; }
                if (!recording.Record(w, step * spec.LearningRate, step)) break;
                progress?.Report((k + 1.0) / checkpoints.Length);
            }
            work = integrator.LeapCount;
        }
        return recording.Finish(name, work, clock.Elapsed.TotalSeconds);
    }

    private static SimulationResult RunFlow(SimulationSpec spec, Problem problem, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        double horizon = spec.Horizon;
        double[] times = FlowTimes(horizon, spec.Records);
        var recording = new Recording(problem, spec, times.Length);
        var integrator = new LogTimeFlowIntegrator(problem);
        var w = problem.CopyInitialPoint();
        var clock = Stopwatch.StartNew();
        double t = 0;
        for (int k = 0; k < times.Length; k++)
        {
            if (k > 0 && cancellationToken.IsCancellationRequested) { recording.Interrupt(integrator.LeapCount); break; }
            integrator.Advance(w, t, times[k]);
            t = times[k];
            if (!recording.Record(w, t, integrator.LeapCount)) break;
            progress?.Report((k + 1.0) / times.Length);
        }
        return recording.Finish("flow-logtime", integrator.LeapCount, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Output times of the flow: 0, then <paramref name="records"/> − 1 log-spaced times up to the horizon.</summary>
    public static double[] FlowTimes(double horizon, int records)
    {
        if (horizon <= 0) return [0];
        if (records <= 2) return [0, horizon];
        double first = Math.Min(FlowFirstTime, horizon / 1e3);
        return LogTimeGrid.LogSpaced(first, horizon, records - 1, includeZero: true);
    }

    private static bool AllFinite(ReadOnlySpan<double> w)
    {
        double sum = 0;
        foreach (double x in w) sum += x * x;
        return double.IsFinite(sum);
    }

    /// <summary>Snapshots, status and Phase III capture of one deterministic run.</summary>
    private sealed class Recording(Problem problem, SimulationSpec spec, int capacity)
    {
        private readonly ModelStatistics _statistics = new(problem);
        private readonly PhaseThreeCapture _capture = SimulationAnalysis.CreateCapture(problem, spec.Epsilon);
        private readonly List<Snapshot> _snapshots = new(capacity);
        private long _steps;

        public RunStatus Status { get; private set; } = RunStatus.Completed;
        public long? DivergedAt { get; private set; }

        /// <summary>Records the state; false (and Diverged) when it is not finite.</summary>
        public bool Record(ReadOnlySpan<double> w, double time, long step)
        {
            var snapshot = _statistics.Snapshot(w, time, step);
            if (!snapshot.IsFinite || !AllFinite(w))
            {
                Diverge(step);
                return false;
            }
            _snapshots.Add(snapshot);
            _capture.Observe(snapshot, w);
            _steps = step;
            return true;
        }

        public void Diverge(long step)
        {
            Status = RunStatus.Diverged;
            DivergedAt = step;
            _steps = step;
        }

        public void Interrupt(long step)
        {
            Status = RunStatus.Interrupted;
            _steps = step;
        }

        public SimulationResult Finish(string stepper, long work, double wallSeconds)
        {
            var trajectory = _snapshots.ToArray();
            var last = trajectory.Length > 0 ? trajectory[^1] : default;
            var member = new MemberOutcome(0, 0, new RunResult(Status, _steps, DivergedAt, last),
                SimulationAnalysis.DetectPhases(problem, trajectory, spec.Epsilon));
            var timing = SimulationTiming.From(wallSeconds, work, 0, 1);
            return new SimulationResult(spec, problem, Status, DivergedAt, stepper, null, [member], trajectory, null, timing,
                SimulationAnalysis.Analyze(problem, trajectory, spec.Epsilon, _capture));
        }
    }

    /// <summary>Turns a count of steps into a fraction of the planned total, synchronously on the reporting thread.</summary>
    private sealed class FractionProgress(IProgress<double> target, double total) : IProgress<long>
    {
        public void Report(long value) => target.Report(Math.Min(1, value / total));
    }
}
