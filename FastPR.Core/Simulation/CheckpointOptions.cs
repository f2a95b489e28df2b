namespace FastPR.Core;

/// <summary>How <see cref="Simulator.Run"/> saves a run for a later resume, and which saved run it continues.</summary>
public sealed record CheckpointOptions
{
    /// <summary>Wall-clock time between checkpoints; null saves only when cancellation stops the run.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>
    /// Receives each checkpoint: during the run on a worker thread (the run waits for it), and on the calling thread when
    /// cancellation stopped the run. Null: nothing is saved.
    /// </summary>
    public Action<SimulationCheckpoint>? Write { get; init; }

    /// <summary>The checkpoint to continue from (its spec must match the one run), or null for a fresh run.</summary>
    public SimulationCheckpoint? ResumeFrom { get; init; }
}
