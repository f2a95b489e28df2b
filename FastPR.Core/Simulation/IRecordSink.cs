namespace FastPR.Core;

/// <summary>Receives the state at each record of a run, after the driver has checked it is finite.</summary>
internal interface IRecordSink
{
    /// <summary>Stores or observes the snapshot; <paramref name="w"/> is the state it was taken from (valid during the call only).</summary>
    void Record(in Snapshot snapshot, ReadOnlySpan<double> w);
}
