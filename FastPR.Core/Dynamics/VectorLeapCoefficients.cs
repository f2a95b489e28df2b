using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// <see cref="ILeapCoefficients"/> four coordinates at a time, for <see cref="LeapVectorized"/>: growth, drive and their
/// α-slopes per lane, by the same formulas, roundings and exp and ln (<see cref="LaneMath"/>) as the scalar structs, so a
/// lane gives the bits the scalar code gives for its coordinate.
/// </summary>
internal interface IVectorLeapCoefficients
{
    /// <summary>The coefficients for the eigenvalues in <paramref name="lambda"/> under frozen α.</summary>
    (Vector256<double> Growth, Vector256<double> Drive, Vector256<double> GrowthSlope, Vector256<double> DriveSlope) Compute(
        Vector256<double> lambda, double alpha);
}

/// <summary>The flow over time h, as <see cref="FlowCoefficients"/>.</summary>
internal readonly struct FlowVectorCoefficients(double h) : IVectorLeapCoefficients
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (Vector256<double> Growth, Vector256<double> Drive, Vector256<double> GrowthSlope, Vector256<double> DriveSlope) Compute(
        Vector256<double> lambda, double alpha)
    {
        var lh = lambda * Vector256.Create(h);
        var x = lh * Vector256.Create(alpha);
        var (e, phi, psi, small) = VectorExp.WithRelative(x);
        // φ' = φ − ψ below |x| = 1/2, (eˣ − φ)/x above (neither cancels there).
        var slope = Vector256.ConditionalSelect(small, phi - psi, (e - phi) / x);
        return (e, lh * phi, lh * e, lh * lh * slope);
    }
}

/// <summary>n population-GD steps of size η, as <see cref="GdCoefficients"/> (NaN lanes where 1 + ηλα ≤ 0 and n &gt; 1).</summary>
internal readonly struct GdVectorCoefficients(double eta, long steps) : IVectorLeapCoefficients
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (Vector256<double> Growth, Vector256<double> Drive, Vector256<double> GrowthSlope, Vector256<double> DriveSlope) Compute(
        Vector256<double> lambda, double alpha)
    {
        var el = Vector256.Create(eta) * lambda;
        var z = el * Vector256.Create(alpha);
        var onePlusZ = Vector256<double>.One + z;
        if (steps == 1) return (onePlusZ, el, el, Vector256<double>.Zero);
        // ln(1 + z)/z by Goldberg's ln(y)/(y − 1) with y = 1 + z as rounded, 1 − z/2 where y rounds to 1 (SpecialFunctions.Log1pRelative).
        var logRelative = Vector256.ConditionalSelect(Vector256.Equals(onePlusZ, Vector256<double>.One),
            Vector256<double>.One - z * Vector256.Create(0.5), LaneMath.Log(Vector256Lanes.Of(onePlusZ)).Value / (onePlusZ - Vector256<double>.One));
        var n = Vector256.Create((double)steps);
        var y = n * z * logRelative;
        var (e, phi, _, _) = VectorExp.WithRelative(y);
        var drive = n * el * phi * logRelative;
        var growthSlope = e * n * el / onePlusZ;
        // d/dα (rⁿ − 1)/α, or its α → 0 limit n(n − 1)(ηλ)²/2 where the quotient would cancel.
        var driveSlope = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(y), Vector256.Create(1e-4)),
            Vector256.Create(0.5 * steps * (steps - 1.0)) * el * el, (growthSlope - drive) / Vector256.Create(alpha));
        // rⁿ needs r = 1 + z > 0; elsewhere every coefficient is NaN and the caller splits the leap.
        var invalid = Vector256.LessThanOrEqual(z, Vector256.Create(-1.0));
        var nan = Vector256.Create(double.NaN);
        return (Vector256.ConditionalSelect(invalid, nan, e), Vector256.ConditionalSelect(invalid, nan, drive),
            Vector256.ConditionalSelect(invalid, nan, growthSlope), Vector256.ConditionalSelect(invalid, nan, driveSlope));
    }
}

/// <summary>eˣ with φ(x) = (eˣ − 1)/x per lane, as <see cref="SpecialFunctions.ExpWithRelative"/> does for one value.</summary>
file static class VectorExp
{
    private const uint AllLanes = (1u << 4) - 1;

    /// <summary>
    /// eˣ and φ(x); ψ(x) = (φ − 1)/x where <c>Small</c> (|x| &lt; 1/2). Below 1/2 all of them come from one
    /// series for ψ (φ = 1 + xψ, eˣ = 1 + xφ), with no exponential and no division; λ is sorted, so nearly every vector takes
    /// one branch whole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<double> E, Vector256<double> Phi, Vector256<double> Psi, Vector256<double> Small) WithRelative(
        Vector256<double> x)
    {
        var small = Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SpecialFunctions.ExpRelativeSeriesLimit));
        // Lane masks tested as bits: a mask of all ones is NaN as a double, so == on the doubles would never hold.
        uint smallLanes = small.ExtractMostSignificantBits();
        if (smallLanes == AllLanes)
        {
            var psi = ShiftedSeries(x);
            var phi = Vector256.FusedMultiplyAdd(x, psi, Vector256<double>.One);
            return (Vector256.FusedMultiplyAdd(x, phi, Vector256<double>.One), phi, psi, small);
        }
        var e = LaneMath.Exp(Vector256Lanes.Of(x)).Value;
        var quotient = (e - Vector256<double>.One) / x; // divided, not multiplied by 1/x: the scalar path's rounding
        if (smallLanes == 0) return (e, quotient, default, small);
        var psiSmall = ShiftedSeries(x);
        var phiSmall = Vector256.FusedMultiplyAdd(x, psiSmall, Vector256<double>.One);
        return (Vector256.ConditionalSelect(small, Vector256.FusedMultiplyAdd(x, phiSmall, Vector256<double>.One), e),
            Vector256.ConditionalSelect(small, phiSmall, quotient), psiSmall, small);
    }

    // ψ(x) = Σ_{k=0}^{14} x^k/(k + 2)!, the same Estrin scheme and roundings as SpecialFunctions.ExpRelativeShiftedSeries.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ShiftedSeries(Vector256<double> x)
    {
        var x2 = x * x;
        var x4 = x2 * x2;
        var x8 = x4 * x4;
        var q0 = Pair(SpecialFunctions.C1, SpecialFunctions.C2, x) + x2 * Pair(SpecialFunctions.C3, SpecialFunctions.C4, x);
        var q1 = Pair(SpecialFunctions.C5, SpecialFunctions.C6, x) + x2 * Pair(SpecialFunctions.C7, SpecialFunctions.C8, x);
        var q2 = Pair(SpecialFunctions.C9, SpecialFunctions.C10, x) + x2 * Pair(SpecialFunctions.C11, SpecialFunctions.C12, x);
        var q3 = Pair(SpecialFunctions.C13, SpecialFunctions.C14, x) + x2 * Vector256.Create(SpecialFunctions.C15);
        return (q0 + x4 * q1) + x8 * (q2 + x4 * q3);
    }

    // c0 + c1·x with constant coefficients (a method call per coefficient inside the loop cost a third of the pass).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Pair(double c0, double c1, Vector256<double> x) => Vector256.Create(c0) + Vector256.Create(c1) * x;
}
