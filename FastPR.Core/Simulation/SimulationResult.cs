namespace FastPR.Core;

/// <summary>The outcome of <see cref="Simulator.Run"/>.</summary>
/// <param name="Spec">What was run.</param>
/// <param name="Problem">The problem instance (teacher, initial point, spectrum).</param>
/// <param name="Status">Completed; Diverged when any member diverged; Interrupted when cancellation stopped the run.</param>
/// <param name="DivergedAtStep">The earliest step at which a member diverged, or null.</param>
/// <param name="Stepper">The engine or integrator actually used, e.g. "mkl", "reference", "gd", "gd-logtime", "flow-logtime".</param>
/// <param name="GaussianSource">The Gaussian source actually used (SGD only), e.g. "vsl:…" or "managed:…"; null otherwise.</param>
/// <param name="Members">Per-member outcomes (one for GD and the flow).</param>
/// <param name="Trajectory">The recorded trajectory: the single run, or the ensemble mean over the members finite at each record.</param>
/// <param name="Ensemble">Mean, sd and 5%/95% bands per record when there is more than one member; null otherwise.</param>
/// <param name="Timing">Wall-clock time and throughput.</param>
/// <param name="Analysis">Theory, phases, fits and predictions for <paramref name="Trajectory"/>.</param>
/// <param name="SgdTheory">SGD's own predictions (sgd-ode and closed forms) for SGD runs; null otherwise.</param>
/// <param name="Signs">The sign-aligned u of an SGD or sgd-sde run's members; null otherwise.</param>
public sealed record SimulationResult(
    SimulationSpec Spec, Problem Problem, RunStatus Status, long? DivergedAtStep, string Stepper, string? GaussianSource,
    MemberOutcome[] Members, Snapshot[] Trajectory, EnsembleAggregate? Ensemble, SimulationTiming Timing, SimulationAnalysis Analysis,
    SgdPredictions? SgdTheory = null, SignAlignment? Signs = null)
{
    /// <summary>Why <see cref="Stepper"/> was chosen ("requested", or the reason "auto" gave); null for GD and the flow.</summary>
    public string? EngineReason { get; init; }

    /// <summary>The distribution of T1 over an SGD or sgd-sde run's members; null otherwise.</summary>
    public EscapeDistribution? Escapes { get; init; }

    /// <summary>The last recorded snapshot (the final state when completed), or null when nothing was recorded.</summary>
    public Snapshot? Final => Trajectory.Length > 0 ? Trajectory[^1] : null;
}
