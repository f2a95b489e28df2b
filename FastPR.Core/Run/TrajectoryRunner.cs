using FastPR.Core.Engines;
using FastPR.Core.Statistics;

namespace FastPR.Core.Run;

/// <summary>
/// Drives any <see cref="IStepper"/> through a run, recording snapshots at the recorder's checkpoints.
/// The state is checked for non-finite values every <see cref="DivergenceCheckInterval"/> steps and at every checkpoint,
/// so a divergence is reported with its step, never as garbage statistics. Allocates nothing.
/// </summary>
public static class TrajectoryRunner
{
    /// <summary>Steps between finiteness checks of w (an O(d) pass, negligible against the steps themselves).</summary>
    public const int DivergenceCheckInterval = 64;

    /// <summary>
    /// Runs <paramref name="stepper"/> from the state in <paramref name="w"/> (updated in place) up to the recorder's last checkpoint.
    /// Cancellation is honoured between checks, so at most <see cref="DivergenceCheckInterval"/> further steps are taken;
    /// <paramref name="progress"/> receives the step count at each checkpoint. The recorder is reset first.
    /// </summary>
    /// <returns>How the run ended, the steps taken, and the last finite snapshot.</returns>
    public static RunResult Run(IStepper stepper, Span<double> w, TrajectoryRecorder recorder,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentNullException.ThrowIfNull(recorder);
        var problem = stepper.Problem;
        double sStar = problem.SStar;
        ReadOnlySpan<long> checkpoints = recorder.CheckpointSteps;
        long lastStep = checkpoints[^1];
        recorder.Reset();
        Snapshot lastFinite = default;
        long step = 0;
        while (true)
        {
            if (step == recorder.NextCheckpoint)
            {
                var snapshot = ModelStatistics.SnapshotOf(problem, sStar, w, step * stepper.TimePerStep, step);
                if (!snapshot.IsFinite || !IsFinite(w)) return new RunResult(RunStatus.Diverged, step, step, lastFinite);
                recorder.Record(snapshot);
                lastFinite = snapshot;
                progress?.Report(step);
                if (step == lastStep) return new RunResult(RunStatus.Completed, step, null, lastFinite);
            }
            if (cancellationToken.IsCancellationRequested) return new RunResult(RunStatus.Interrupted, step, null, lastFinite);
            long target = Math.Min(recorder.NextCheckpoint, step + DivergenceCheckInterval);
            for (; step < target; step++) stepper.Step(w);
            if (step != recorder.NextCheckpoint && !IsFinite(w)) return new RunResult(RunStatus.Diverged, step, step, lastFinite);
        }
    }

    private static bool IsFinite(ReadOnlySpan<double> w)
    {
        // A sum is non-finite iff some term is (or it overflows, which is divergence too).
        double sum = 0;
        foreach (double x in w) sum += x * x;
        return double.IsFinite(sum);
    }
}
