namespace FastPR.Core;

/// <summary>One ensemble member's outcome.</summary>
/// <param name="Member">Index m; its noise comes from <see cref="SeedSequence.RunKey"/>(seed, m).</param>
/// <param name="StreamKey">The key of the member's Gaussian stream (0 for deterministic algorithms).</param>
/// <param name="Result">Status, steps and last finite snapshot.</param>
/// <param name="Phases">Phase boundaries of this member's own trajectory.</param>
public sealed record MemberOutcome(int Member, ulong StreamKey, RunResult Result, PhaseBoundaries Phases)
{
    /// <summary>
    /// The member's own recorded snapshots, one per record it reached (fewer when it diverged or was interrupted); the run's
    /// trajectory for GD, the flow and the sgd-ode. Shared with the result, not copied: do not modify.
    /// </summary>
    public Snapshot[] Trajectory { get; init; } = [];
}
