namespace FastPR.Core;

/// <summary>
/// Phase boundaries found on one trajectory by <see cref="PhaseDetector"/> (docs/MODEL.md §4). Each is a time, interpolated between
/// records (except the start of Phase III), or null when the trajectory never reaches it.
/// </summary>
/// <param name="Escape">T1: |u| ≥ δ·s* persistently (δ = <see cref="PhaseOptions.EscapeThreshold"/>, 0.05). Comparable with the predicted T1.</param>
/// <param name="HalfOverlap">|u| ≥ <see cref="PhaseOptions.HalfOverlap"/>·s* persistently (the "|u| = 1/2" time).</param>
/// <param name="SCrossing">T1′: s ≥ s*/3 for good (the last upward crossing, after which s stays above; Phase IIa, α changes sign).</param>
/// <param name="Convergence">T2(ε): 1 − |u|/s* ≤ ε persistently.</param>
/// <param name="PhaseThree">Start of Phase III: |s − s*| and s* − |u| both ≤ tol·s* persistently; the first such record, not interpolated.</param>
/// <param name="Options">The thresholds used.</param>
public sealed record PhaseBoundaries(
    double? Escape, double? HalfOverlap, double? SCrossing, double? Convergence, double? PhaseThree, PhaseOptions Options);
