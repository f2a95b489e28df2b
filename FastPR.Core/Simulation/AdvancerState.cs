namespace FastPR.Core;

/// <summary>
/// What an <see cref="IAdvancer"/> holds besides w and its algorithm's own objects: where it is and, for the log-time
/// integrators, the overlaps their leaps track between records (recomputing them from w would round differently).
/// Fields an advancer does not use stay 0.
/// </summary>
/// <param name="Step">Steps taken (steppers, log-time GD).</param>
/// <param name="Time">
/// Model time reached: restored by the log-time flow; the others derive it from the step and save it only for reports (a
/// checkpoint's "resumed from t", which would otherwise be its last record's, far behind in a log-spaced run).
/// </param>
/// <param name="Stretch">The record the current stretch of leaps heads for (−1 before the first).</param>
/// <param name="Leaps">Leaps taken by a log-time integrator.</param>
/// <param name="S">Tracked s = wᵀQw.</param>
/// <param name="U">Tracked u = wᵀQw*.</param>
/// <param name="S2">Tracked s^(2) = wᵀQ²w.</param>
/// <param name="U2">Tracked u^(2) = wᵀQ²w*.</param>
internal readonly record struct AdvancerState(long Step, double Time, int Stretch, long Leaps, double S, double U, double S2, double U2);
