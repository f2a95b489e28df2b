namespace FastPR.Core;

/// <summary>The outcome of one run.</summary>
/// <param name="Status">Completed, diverged or interrupted.</param>
/// <param name="StepsCompleted">Steps actually taken.</param>
/// <param name="DivergedAtStep">
/// The step at which a non-finite state was detected, or null. Detection happens at records and every
/// <see cref="TrajectoryRunner.DivergenceCheckInterval"/> steps, so this is at most that many steps after the state first broke.
/// </param>
/// <param name="LastFinite">
/// The last recorded snapshot: the final one when completed, the last good record after a divergence or an interruption
/// (default when nothing was recorded yet).
/// </param>
public readonly record struct RunResult(RunStatus Status, long StepsCompleted, long? DivergedAtStep, Snapshot LastFinite);
