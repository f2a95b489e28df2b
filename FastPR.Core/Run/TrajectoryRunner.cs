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

    /// <summary>About this many progress reports per run besides the checkpoints (log-spaced checkpoints are hours apart late in a long run).</summary>
    public const int ProgressReportsPerRun = 4096;

    /// <summary>Steps between progress reports (besides checkpoints) for a run of <paramref name="totalSteps"/> steps.</summary>
    public static long ProgressInterval(long totalSteps) => Math.Max(DivergenceCheckInterval, totalSteps / ProgressReportsPerRun);

    /// <summary>
    /// Runs <paramref name="stepper"/> from the state in <paramref name="w"/> (updated in place) up to the recorder's last checkpoint.
    /// Cancellation is honoured between checks, so at most <see cref="DivergenceCheckInterval"/> further steps are taken;
    /// <paramref name="progress"/> receives the step count at each checkpoint and in between at least every
    /// <see cref="ProgressInterval"/> steps (rounded up to a finiteness check). The recorder is reset first.
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
        long progressInterval = ProgressInterval(lastStep), nextProgress = progressInterval;
        while (true)
        {
            if (step == recorder.NextCheckpoint)
            {
                var snapshot = ModelStatistics.SnapshotOf(problem, sStar, w, step * stepper.TimePerStep, step);
                if (!snapshot.IsFinite || !IsFinite(w)) return new RunResult(RunStatus.Diverged, step, step, lastFinite);
                recorder.Record(snapshot);
                lastFinite = snapshot;
                progress?.Report(step);
                nextProgress = step + progressInterval;
                if (step == lastStep) return new RunResult(RunStatus.Completed, step, null, lastFinite);
            }
            if (cancellationToken.IsCancellationRequested) return new RunResult(RunStatus.Interrupted, step, null, lastFinite);
            long target = Math.Min(recorder.NextCheckpoint, step + DivergenceCheckInterval);
            for (; step < target; step++) stepper.Step(w);
            if (step != recorder.NextCheckpoint && !IsFinite(w)) return new RunResult(RunStatus.Diverged, step, step, lastFinite);
            if (progress is not null && step >= nextProgress && step != recorder.NextCheckpoint)
            {
                progress.Report(step);
                nextProgress = step + progressInterval;
            }
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
