namespace FastPR.Core;

/// <summary>Log-time GD as an <see cref="IAdvancer"/>: one leap per piece, toward integer record steps (time = η·step).</summary>
internal ref struct LogTimeGdAdvancer : IAdvancer
{
    private readonly LogTimeGdIntegrator _integrator;
    private readonly ReadOnlySpan<long> _recordSteps;
    private long _step;
    private int _stretch;

    /// <summary>Drives <paramref name="integrator"/> from step 0 through <paramref name="recordSteps"/>.</summary>
    public LogTimeGdAdvancer(LogTimeGdIntegrator integrator, ReadOnlySpan<long> recordSteps)
    {
        ArgumentNullException.ThrowIfNull(integrator);
        _integrator = integrator;
        _recordSteps = recordSteps;
        _stretch = -1;
    }

    /// <inheritdoc />
    public readonly double Time => _step * _integrator.LearningRate;

    /// <inheritdoc />
    public readonly long Position => _step;

    /// <inheritdoc />
    public readonly bool IsAt(int record) => _step == _recordSteps[record];

    /// <inheritdoc />
    public bool Advance(Span<double> w, int record)
    {
        // s and u are recomputed from w at each record, then tracked by the leaps up to the next one.
        if (_stretch != record)
        {
            _integrator.Begin(w);
            _stretch = record;
        }
        return _integrator.LeapToward(w, ref _step, _recordSteps[record]);
    }

    /// <inheritdoc />
    public readonly AdvancerState SaveState()
    {
        var (tracked, leaps) = _integrator.Tracked;
        return new AdvancerState(_step, Time, _stretch, leaps, tracked.S, tracked.U, tracked.S2, tracked.U2); // Time for reports only
    }

    /// <inheritdoc />
    public void RestoreState(in AdvancerState state)
    {
        Guard.AtLeast(state.Step, 0, nameof(state));
        _step = state.Step;
        _stretch = state.Stretch;
        _integrator.Tracked = (new Overlaps(state.S, state.U, state.S2, state.U2), state.Leaps);
    }

    /// <inheritdoc />
    public readonly Snapshot Snapshot(Problem problem, ReadOnlySpan<double> w) => ModelStatistics.SnapshotOf(problem, w, Time, Position);
}

/// <summary>The log-time flow as an <see cref="IAdvancer"/>: one leap per piece, toward record times; the position counts leaps.</summary>
internal ref struct LogTimeFlowAdvancer : IAdvancer
{
    private readonly LogTimeFlowIntegrator _integrator;
    private readonly ReadOnlySpan<double> _recordTimes;
    private double _time;
    private int _stretch;

    /// <summary>Drives <paramref name="integrator"/> from <paramref name="startTime"/> through increasing <paramref name="recordTimes"/> (each ≥ startTime).</summary>
    public LogTimeFlowAdvancer(LogTimeFlowIntegrator integrator, ReadOnlySpan<double> recordTimes, double startTime = 0)
    {
        ArgumentNullException.ThrowIfNull(integrator);
        Guard.FiniteNonNegative(startTime, nameof(startTime));
        CheckTimes(recordTimes, startTime);
        _integrator = integrator;
        _recordTimes = recordTimes;
        _time = startTime;
        _stretch = -1;
    }

    /// <summary>Throws unless the times are finite, ≥ <paramref name="startTime"/> and strictly increasing.</summary>
    internal static void CheckTimes(ReadOnlySpan<double> recordTimes, double startTime)
    {
        for (int k = 0; k < recordTimes.Length; k++)
        {
            double previous = k == 0 ? startTime : recordTimes[k - 1];
            if (!double.IsFinite(recordTimes[k]) || recordTimes[k] < previous || (k > 0 && recordTimes[k] == previous))
                throw new ArgumentException("Record times must be finite, ≥ the start time and strictly increasing.", nameof(recordTimes));
        }
    }

    /// <inheritdoc />
    public readonly double Time => _time;

    /// <inheritdoc />
    public readonly long Position => _integrator.LeapCount;

    /// <inheritdoc />
    public readonly bool IsAt(int record) => _time == _recordTimes[record];

    /// <inheritdoc />
    public bool Advance(Span<double> w, int record)
    {
        if (_stretch != record)
        {
            _integrator.Begin(w);
            _stretch = record;
        }
        return _integrator.LeapToward(w, ref _time, _recordTimes[record]);
    }

    /// <inheritdoc />
    public readonly AdvancerState SaveState()
    {
        var (tracked, leaps) = _integrator.Tracked;
        return new AdvancerState(0, _time, _stretch, leaps, tracked.S, tracked.U, tracked.S2, tracked.U2);
    }

    /// <inheritdoc />
    public void RestoreState(in AdvancerState state)
    {
        Guard.FiniteNonNegative(state.Time, nameof(state));
        _time = state.Time;
        _stretch = state.Stretch;
        _integrator.Tracked = (new Overlaps(state.S, state.U, state.S2, state.U2), state.Leaps);
    }

    /// <inheritdoc />
    public readonly Snapshot Snapshot(Problem problem, ReadOnlySpan<double> w) => ModelStatistics.SnapshotOf(problem, w, Time, Position);
}

/// <summary>The sgd-ode as an <see cref="IAdvancer"/>: one leap per piece toward record times; w is the mean, the snapshots are the moments'.</summary>
internal ref struct SgdOdeAdvancer : IAdvancer
{
    private readonly LogTimeSgdOdeIntegrator _integrator;
    private readonly ReadOnlySpan<double> _recordTimes;
    private double _time;
    private int _stretch;

    /// <summary>Drives <paramref name="integrator"/> from time 0 through increasing <paramref name="recordTimes"/>.</summary>
    public SgdOdeAdvancer(LogTimeSgdOdeIntegrator integrator, ReadOnlySpan<double> recordTimes)
    {
        ArgumentNullException.ThrowIfNull(integrator);
        LogTimeFlowAdvancer.CheckTimes(recordTimes, 0);
        _integrator = integrator;
        _recordTimes = recordTimes;
        _stretch = -1;
    }

    /// <inheritdoc />
    public readonly double Time => _time;

    /// <inheritdoc />
    public readonly long Position => _integrator.LeapCount;

    /// <inheritdoc />
    public readonly bool IsAt(int record) => _time == _recordTimes[record];

    /// <inheritdoc />
    public bool Advance(Span<double> w, int record)
    {
        if (_stretch != record)
        {
            _integrator.Begin(w);
            _stretch = record;
        }
        return _integrator.LeapToward(w, ref _time, _recordTimes[record]);
    }

    /// <inheritdoc />
    public readonly Snapshot Snapshot(Problem problem, ReadOnlySpan<double> w) => _integrator.Snapshot(w, Time, Position);

    /// <inheritdoc />
    /// <remarks>The variances, the rest of the state, are saved by the integrator itself (<see cref="IResumable"/>).</remarks>
    public readonly AdvancerState SaveState()
    {
        var (s, u, leaps) = _integrator.Tracked;
        return new AdvancerState(0, _time, _stretch, leaps, s, u, 0, 0);
    }

    /// <inheritdoc />
    public void RestoreState(in AdvancerState state)
    {
        Guard.FiniteNonNegative(state.Time, nameof(state));
        _time = state.Time;
        _stretch = state.Stretch;
        _integrator.Tracked = (state.S, state.U, state.Leaps);
    }
}
