namespace FastPR.Core;

/// <summary>
/// Runs any <see cref="IStepper"/> (an SGD engine, plain GD, RK4) through <see cref="RunDriver"/>, recording snapshots at the
/// recorder's checkpoint steps. Allocates nothing without a progress callback.
/// </summary>
public static class TrajectoryRunner
{
    /// <summary>Steps between finiteness checks of w; see <see cref="RunDriver.DivergenceCheckInterval"/>.</summary>
    public const int DivergenceCheckInterval = RunDriver.DivergenceCheckInterval;

    /// <summary>Steps between progress reports (besides checkpoints) for a run of <paramref name="totalSteps"/> steps.</summary>
    public static long ProgressInterval(long totalSteps) => Math.Max(DivergenceCheckInterval, totalSteps / RunDriver.ProgressReportsPerRun);

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
        recorder.Reset();
        ReadOnlySpan<long> checkpoints = recorder.CheckpointSteps;
        var advancer = new StepperAdvancer(stepper, checkpoints);
        return RunDriver.Run(ref advancer, stepper.Problem, w, checkpoints.Length, recorder,
            progress is null ? null : new StepCount(progress), ProgressInterval(checkpoints[^1]), cancellationToken);
    }

    private sealed class StepCount(IProgress<long> target) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => target.Report(value.Position);
    }
}
