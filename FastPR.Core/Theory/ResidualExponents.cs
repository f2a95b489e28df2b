namespace FastPR.Core;

/// <summary>The theory's exponents of 1 − u in Phase IIb (docs/MODEL.md §4), which the residual-decay fit is compared with.</summary>
public static class ResidualExponents
{
    /// <summary>−(1 − 1/a), the teacher-averaged exponent of 1 − u; null for a ≤ 1 (the theory assumes a &gt; 1) or no power law.</summary>
    public static double? TeacherAveraged(double? a) => a > 1 ? -(1 - 1 / a.Value) : null;

    /// <summary>−(a − 1)/(2a): T2 ≲ ε^(−2a/(a−1)) log(1/ε) read as 1 − u ≲ t^(−(a−1)/(2a)) up to logs; null for a ≤ 1.</summary>
    public static double? Bound(double? a) => a > 1 ? -(a.Value - 1) / (2 * a.Value) : null;
}
