namespace FastPR.Core;

/// <summary>Thresholds and persistence rule of <see cref="PhaseDetector"/>. Overlap thresholds are relative to s* (1 for a drawn teacher).</summary>
public sealed record PhaseOptions
{
    /// <summary>Escape (T1): |u| ≥ δ·s*. Default <see cref="GrowthRate.EscapeThreshold"/> = 0.05, the δ of the predicted T1.</summary>
    public double EscapeThreshold { get; init; } = GrowthRate.EscapeThreshold;
    /// <summary>The overlap whose reaching is also reported (default 1/2: "|u| = 1/2", often much later than the escape).</summary>
    public double HalfOverlap { get; init; } = 0.5;
    /// <summary>ε of T2(ε): 1 − |u|/s* ≤ ε (default 0.05).</summary>
    public double Epsilon { get; init; } = 0.05;
    /// <summary>Phase III starts when |s − s*| ≤ tol·s* and s* − |u| ≤ tol·s* (default 10⁻³).</summary>
    public double PhaseThreeTolerance { get; init; } = 1e-3;
    /// <summary>s* of the problem (default 1).</summary>
    public double SStar { get; init; } = 1;
    /// <summary>
    /// How long a condition must hold to count: 0 (default) = at every remaining record ("for good"); k ≥ 1 = at k consecutive
    /// records (a run cut short by the end of the trajectory counts). Persistence is what makes the detector robust to SGD noise.
    /// </summary>
    public int Persistence { get; init; }

    /// <summary>The defaults.</summary>
    public static PhaseOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Guard.FinitePositive(EscapeThreshold, "escape-threshold");
        Guard.FinitePositive(HalfOverlap, "half-overlap");
        Guard.FinitePositive(Epsilon, "epsilon");
        Guard.FinitePositive(PhaseThreeTolerance, "phase-three-tolerance");
        Guard.FinitePositive(SStar, "s-star");
        Guard.AtLeast(Persistence, 0, "persistence");
    }
}
