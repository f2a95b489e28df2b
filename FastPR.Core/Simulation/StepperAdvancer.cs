namespace FastPR.Core;

/// <summary>
/// Any <see cref="IStepper"/> (SGD engines, plain GD, RK4) as an <see cref="IAdvancer"/>: pieces of at most
/// <see cref="RunDriver.DivergenceCheckInterval"/> steps toward integer record steps, time = steps × time per step; or, with a
/// <see cref="StepSizeClock"/>, each step at the clock's step size and time the clock's (docs/MODEL.md §3.9).
/// </summary>
internal ref struct StepperAdvancer : IAdvancer
{
    private readonly IStepper _stepper;
    private readonly ReadOnlySpan<long> _recordSteps;
    private readonly StepSizeClock? _clock;
    private readonly IScheduledStepper? _scheduled;
    private long _step;

    /// <summary>
    /// Drives <paramref name="stepper"/> from step 0 through <paramref name="recordSteps"/>; with <paramref name="clock"/> (its own,
    /// counting this stepper's steps: the clock's stride is the stepper's) each step takes the clock's step size.
    /// </summary>
    public StepperAdvancer(IStepper stepper, ReadOnlySpan<long> recordSteps, StepSizeClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        _stepper = stepper;
        _recordSteps = recordSteps;
        if (clock is null) return;
        _scheduled = stepper as IScheduledStepper ?? throw new ArgumentException($"Stepper {stepper.Name} takes no step sizes.", nameof(clock));
        _clock = clock;
        _clock.Reset();
    }

    /// <inheritdoc />
    public readonly double Time => _clock is null ? _step * _stepper.TimePerStep : _clock.Time;

    /// <inheritdoc />
    public readonly long Position => _step;

    /// <inheritdoc />
    public readonly bool IsAt(int record) => _step == _recordSteps[record];

    /// <inheritdoc />
    public bool Advance(Span<double> w, int record)
    {
        long target = Math.Min(_recordSteps[record], _step + RunDriver.DivergenceCheckInterval);
        if (_clock is null)
        {
            for (; _step < target; _step++) _stepper.Step(w);
        }
        else
        {
            for (; _step < target; _step++) _scheduled!.Step(w, _clock.Next());
        }
        return _step == _recordSteps[record] || RunDriver.IsFinite(w);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The step, and the time for reports only (a restore derives it from the step); the stepper's own state (an engine's stream)
    /// is saved through it.
    /// </remarks>
    public readonly AdvancerState SaveState() => new(_step, Time, 0, 0, 0, 0, 0, 0);

    /// <inheritdoc />
    public void RestoreState(in AdvancerState state)
    {
        Guard.AtLeast(state.Step, 0, nameof(state));
        _step = state.Step;
        _clock?.AdvanceTo(state.Step * _clock.Stride);
    }

    /// <inheritdoc />
    public readonly Snapshot Snapshot(Problem problem, ReadOnlySpan<double> w) => ModelStatistics.SnapshotOf(problem, w, Time, Position);
}
