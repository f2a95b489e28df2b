namespace FastPR.Core;

/// <summary>
/// Any <see cref="IStepper"/> (SGD engines, plain GD, RK4) as an <see cref="IAdvancer"/>: pieces of at most
/// <see cref="RunDriver.DivergenceCheckInterval"/> steps toward integer checkpoint steps, time = steps × time per step.
/// </summary>
internal ref struct StepperAdvancer : IAdvancer
{
    private readonly IStepper _stepper;
    private readonly ReadOnlySpan<long> _checkpointSteps;
    private long _step;

    /// <summary>Drives <paramref name="stepper"/> from step 0 through <paramref name="checkpointSteps"/>.</summary>
    public StepperAdvancer(IStepper stepper, ReadOnlySpan<long> checkpointSteps)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        _stepper = stepper;
        _checkpointSteps = checkpointSteps;
    }

    /// <inheritdoc />
    public readonly double Time => _step * _stepper.TimePerStep;

    /// <inheritdoc />
    public readonly long Position => _step;

    /// <inheritdoc />
    public readonly bool IsAt(int checkpoint) => _step == _checkpointSteps[checkpoint];

    /// <inheritdoc />
    public bool Advance(Span<double> w, int checkpoint)
    {
        long target = Math.Min(_checkpointSteps[checkpoint], _step + RunDriver.DivergenceCheckInterval);
        for (; _step < target; _step++) _stepper.Step(w);
        return _step == _checkpointSteps[checkpoint] || RunDriver.IsFinite(w);
    }

    /// <inheritdoc />
    /// <remarks>Only the step: the stepper's own state (an engine's stream) is saved through it.</remarks>
    public readonly AdvancerState SaveState() => new(_step, 0, 0, 0, 0, 0, 0, 0);

    /// <inheritdoc />
    public void RestoreState(in AdvancerState state)
    {
        Guard.AtLeast(state.Step, 0, nameof(state));
        _step = state.Step;
    }

    /// <inheritdoc />
    public readonly Snapshot Snapshot(Problem problem, ReadOnlySpan<double> w) => ModelStatistics.SnapshotOf(problem, w, Time, Position);
}
