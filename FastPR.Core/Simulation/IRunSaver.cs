namespace FastPR.Core;

/// <summary>
/// Lets a caller save a run while <see cref="RunDriver"/> runs it: between pieces the driver asks <see cref="IsDue"/> and, when
/// it is, hands over the position; it does the same, unasked, when cancellation stops the run.
/// </summary>
internal interface IRunSaver
{
    /// <summary>Whether a save is wanted now. Asked between every two pieces, so it must be cheap (a flag, a clock read).</summary>
    bool IsDue { get; }

    /// <summary>Receives the run's position and its state <paramref name="w"/> (valid during the call only), on the run's thread.</summary>
    void Save(in RunPosition position, ReadOnlySpan<double> w);
}
