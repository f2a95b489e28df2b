namespace FastPR.Core;

/// <summary>The outcome of an ensemble: each member's result and trajectory, and their aggregate.</summary>
/// <param name="Members">Per-member outcome, indexed by member.</param>
/// <param name="Trajectories">Per-member recorded snapshots (shorter when a member diverged or was interrupted).</param>
/// <param name="Aggregate">Bands at every record.</param>
public sealed record EnsembleResult(RunResult[] Members, Snapshot[][] Trajectories, EnsembleAggregate Aggregate)
{
    /// <summary>Completed when all members completed; Interrupted if any was; otherwise Diverged.</summary>
    public RunStatus Status =>
        Members.All(m => m.Status == RunStatus.Completed) ? RunStatus.Completed
        : Members.Any(m => m.Status == RunStatus.Interrupted) ? RunStatus.Interrupted
        : RunStatus.Diverged;
}
