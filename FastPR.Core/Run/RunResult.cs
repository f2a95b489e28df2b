using FastPR.Core.Statistics;

namespace FastPR.Core.Run;

/// <summary>The outcome of one run.</summary>
/// <param name="Status">Completed, diverged or interrupted.</param>
/// <param name="StepsCompleted">Steps actually taken.</param>
/// <param name="DivergedAtStep">The step at which a non-finite state was detected, or null.</param>
/// <param name="LastFinite">The last finite snapshot (the final one when completed).</param>
public readonly record struct RunResult(RunStatus Status, long StepsCompleted, long? DivergedAtStep, Snapshot LastFinite);
