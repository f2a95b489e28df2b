namespace FastPR.Core;

/// <summary>
/// Keeps a copy of the state at the first record of the current run of records inside the Phase III region
/// (|s − s*| ≤ tol·s* and s* − |u| ≤ tol·s*, as <see cref="PhaseDetector"/> defines it), so that when the run ends inside
/// Phase III the prediction can start from a real state. One extra d-vector; nothing is allocated per record.
/// </summary>
internal sealed class PhaseThreeCapture
{
    private readonly double[] _state;
    private readonly double _sStar;
    private readonly double _tolerance;

    /// <summary>Creates the capture for dimension d, s* and the tolerance of <see cref="PhaseOptions.PhaseThreeTolerance"/>.</summary>
    public PhaseThreeCapture(int dimension, double sStar, double tolerance)
    {
        _state = new double[dimension];
        _sStar = sStar;
        _tolerance = tolerance;
    }

    /// <summary>Whether a state is held (the latest record was inside the region).</summary>
    public bool HasState { get; private set; }
    /// <summary>Time of the held state.</summary>
    public double Time { get; private set; }
    /// <summary>The held state (valid when <see cref="HasState"/>).</summary>
    public ReadOnlySpan<double> State => _state;

    /// <summary>Holds <paramref name="state"/> from <paramref name="time"/> again, as a saved run had it.</summary>
    public void Restore(double time, ReadOnlySpan<double> state)
    {
        Guard.Length(state.Length, _state.Length, nameof(state));
        state.CopyTo(_state);
        Time = time;
        HasState = true;
    }

    /// <summary>Observes the state <paramref name="w"/> recorded as <paramref name="snapshot"/>.</summary>
    public void Observe(in Snapshot snapshot, ReadOnlySpan<double> w)
    {
        // The same region test as the detector's, so the captured state is where the detected Phase III begins.
        bool inside = snapshot.IsFinite && PhaseDetector.DistanceToOptimum(snapshot, _sStar) <= _tolerance;
        if (!inside)
        {
            HasState = false;
            return;
        }
        if (HasState) return;
        w.CopyTo(_state);
        Time = snapshot.Time;
        HasState = true;
    }
}
