namespace FastPR.Core;

/// <summary>Preallocated storage for the snapshots taken at a fixed list of record steps.</summary>
public sealed class TrajectoryRecorder : IRecordSink
{
    private readonly long[] _checkpoints;
    private readonly Snapshot[] _snapshots;

    /// <summary>Creates a recorder for strictly increasing, non-negative record steps.</summary>
    public TrajectoryRecorder(ReadOnlySpan<long> recordSteps)
    {
        if (recordSteps.IsEmpty) throw new ArgumentException("At least one record is required.", nameof(recordSteps));
        for (int i = 0; i < recordSteps.Length; i++)
        {
            if (recordSteps[i] < 0 || (i > 0 && recordSteps[i] <= recordSteps[i - 1]))
                throw new ArgumentException("Record steps must be non-negative and strictly increasing.", nameof(recordSteps));
        }
        _checkpoints = recordSteps.ToArray();
        _snapshots = new Snapshot[_checkpoints.Length];
    }

    /// <summary>A recorder with <paramref name="count"/> log-spaced records over <paramref name="totalSteps"/> steps.</summary>
    public static TrajectoryRecorder LogSpaced(long totalSteps, int count) => new(RecordSchedule.LogSpaced(totalSteps, count));

    /// <summary>The planned record steps.</summary>
    public ReadOnlySpan<long> RecordSteps => _checkpoints;
    /// <summary>How many snapshots have been recorded.</summary>
    public int Count { get; private set; }
    /// <summary>The recorded snapshots, in order.</summary>
    public ReadOnlySpan<Snapshot> Snapshots => _snapshots.AsSpan(0, Count);
    /// <summary>The step of the next record, or −1 when all are recorded.</summary>
    public long NextRecord => Count < _checkpoints.Length ? _checkpoints[Count] : -1;

    /// <summary>Stores the next snapshot. Allocates nothing.</summary>
    public void Record(in Snapshot snapshot)
    {
        if (Count == _snapshots.Length) throw new InvalidOperationException("All records are already recorded.");
        _snapshots[Count++] = snapshot;
    }

    void IRecordSink.Record(in Snapshot snapshot, ReadOnlySpan<double> w) => Record(snapshot);

    /// <summary>Replaces the recorded snapshots by <paramref name="snapshots"/>, those of a saved run, to continue it.</summary>
    public void Restore(ReadOnlySpan<Snapshot> snapshots)
    {
        if (snapshots.Length > _snapshots.Length)
            throw new ArgumentException($"{snapshots.Length} snapshots do not fit {_snapshots.Length} records.", nameof(snapshots));
        for (int i = 0; i < snapshots.Length; i++)
        {
            if (snapshots[i].Step != _checkpoints[i])
                throw new ArgumentException($"Snapshot {i} is at step {snapshots[i].Step}, not at record step {_checkpoints[i]}.", nameof(snapshots));
        }
        snapshots.CopyTo(_snapshots);
        Count = snapshots.Length;
    }

    /// <summary>Forgets all recorded snapshots, keeping the schedule and the storage.</summary>
    public void Reset() => Count = 0;
}
