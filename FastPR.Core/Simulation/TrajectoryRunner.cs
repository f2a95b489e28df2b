namespace FastPR.Core;

/// <summary>
/// Runs any <see cref="IStepper"/> (an SGD engine, plain GD, RK4) through <see cref="RunDriver"/>, recording snapshots at the
/// recorder's record steps. Allocates nothing without a progress callback.
/// </summary>
public static class TrajectoryRunner
{
    /// <summary>Steps between finiteness checks of w; see <see cref="RunDriver.DivergenceCheckInterval"/>.</summary>
    public const int DivergenceCheckInterval = RunDriver.DivergenceCheckInterval;

    /// <summary>Steps between progress reports (besides records) for a run of <paramref name="totalSteps"/> steps.</summary>
    public static long ProgressInterval(long totalSteps) => Math.Max(DivergenceCheckInterval, totalSteps / RunDriver.ProgressReportsPerRun);

    /// <summary>
    /// Runs <paramref name="stepper"/> from the state in <paramref name="w"/> (updated in place) up to the recorder's last record.
    /// Cancellation is honoured between checks, so at most <see cref="DivergenceCheckInterval"/> further steps are taken;
    /// <paramref name="progress"/> receives the step count at each record and in between at least every
    /// <see cref="ProgressInterval"/> steps (rounded up to a finiteness check). The recorder is reset
    /// first.
    /// </summary>
    /// <returns>How the run ended, the steps taken, and the last finite snapshot.</returns>
    public static RunResult Run(IStepper stepper, Span<double> w, TrajectoryRecorder recorder,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Run(stepper, w, recorder, progress, cancellationToken, saver: null, resumeFrom: null);

    // A run that continues from resumeFrom: w, the stepper's state and the recorder's snapshots must be those saved with it.
    internal static RunResult Run(IStepper stepper, Span<double> w, TrajectoryRecorder recorder,
        IProgress<long>? progress, CancellationToken cancellationToken, IRunSaver? saver, RunPosition? resumeFrom, StepSizeClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentNullException.ThrowIfNull(recorder);
        if (resumeFrom is not RunPosition resume) recorder.Reset();
        else if (resume.RecordsDone != recorder.Count)
            throw new ArgumentException($"The recorder holds {recorder.Count} snapshots; the saved run had {resume.RecordsDone}.", nameof(recorder));
        ReadOnlySpan<long> records = recorder.RecordSteps;
        var advancer = new StepperAdvancer(stepper, records, clock);
        return RunDriver.Run(ref advancer, stepper.Problem, w, records.Length, recorder,
            progress is null ? null : new StepCount(progress), ProgressInterval(records[^1]), cancellationToken, saver, resumeFrom);
    }

    private sealed class StepCount(IProgress<long> target) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => target.Report(value.Position);
    }
}
