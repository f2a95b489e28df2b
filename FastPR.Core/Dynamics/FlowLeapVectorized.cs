using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// The O(d) passes of a flow leap (<see cref="SelfConsistentLeap"/>), four coordinates at a time with Vector256: the leap
/// solver spends nearly all its time here. Same formulas as <see cref="FlowCoefficients"/> (eˣ, φ and φ' from one series
/// below |x| = 1/2, from eˣ and 1/x above, chosen per lane); only the summation order differs from the scalar path.
/// </summary>
internal static class FlowLeapVectorized
{
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    private const uint AllLanes = (1u << 4) - 1;

    /// <summary>
    /// The leaped state of the first ⌊d/4⌋·4 coordinates into <paramref name="next"/> (w is not modified), with the ten sums of
    /// <see cref="SelfConsistentLeap"/>'s evaluation pass: s, u, s^(2), u^(2) of that state and the four derivatives; returns
    /// that count. Same formulas as <see cref="FlowCoefficients"/> (see <see cref="Coefficients"/>); only the summation order differs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Evaluate(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, ReadOnlySpan<double> w, double h, double alpha, double beta,
        Span<double> next, out EvaluationSums sums)
    {
        int n = w.Length - w.Length % Vector256<double>.Count;
        if (lambda.Length < n || teacher.Length < n || next.Length < n) throw new ArgumentException("Buffer sizes do not match.");
        ref double l0 = ref MemoryMarshal.GetReference(lambda);
        ref double t0 = ref MemoryMarshal.GetReference(teacher);
        ref double w0 = ref MemoryMarshal.GetReference(w);
        ref double n0 = ref MemoryMarshal.GetReference(next);
        var hv = Vector256.Create(h);
        var av = Vector256.Create(alpha);
        var bv = Vector256.Create(beta);
        Vector256<double> vs = default, vu = default, vs2 = default, vu2 = default, vdsa = default, vdsb = default, vdua = default, vdub = default;
        for (int i = 0; i < n; i += Vector256<double>.Count)
        {
            var l = Vector256.LoadUnsafe(ref l0, (nuint)i);
            var t = Vector256.LoadUnsafe(ref t0, (nuint)i);
            var wi = Vector256.LoadUnsafe(ref w0, (nuint)i);
            var lh = l * hv;
            var (e, phi, slope) = Coefficients(lh * av);
            var bi = lh * phi * t;
            var ni = e * wi + bv * bi;
            ni.StoreUnsafe(ref n0, (nuint)i);
            var byAlpha = lh * e * wi + bv * (lh * lh * slope) * t;
            var ln = l * ni;
            var lt = l * t;
            var lln = l * ln;
            vs += ln * ni;
            vu += ln * t;
            vs2 += lln * ni;
            vu2 += lln * t;
            vdsa += ln * byAlpha;
            vdsb += ln * bi;
            vdua += lt * byAlpha;
            vdub += lt * bi;
        }
        sums = new EvaluationSums(Vector256.Sum(vs), Vector256.Sum(vu), Vector256.Sum(vs2), Vector256.Sum(vu2),
            Vector256.Sum(vdsa), Vector256.Sum(vdsb), Vector256.Sum(vdua), Vector256.Sum(vdub));
        return n;
    }

    /// <summary>
    /// eˣ, φ(x) and φ'(x) per lane. Below |x| = 1/2 all three come from one series, ψ(x) = (φ(x) − 1)/x: φ = 1 + xψ, eˣ = 1 + xφ and
    /// φ' = φ − ψ, with no exponential and no division; above it eˣ, φ = (eˣ − 1)/x and φ' = (eˣ − φ)/x from one reciprocal
    /// (neither quotient cancels there). λ is sorted, so nearly every vector takes one branch whole. As <see cref="FlowCoefficients"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> E, Vector256<double> Phi, Vector256<double> Slope) Coefficients(Vector256<double> x)
    {
        var small = Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SpecialFunctions.ExpRelativeSeriesLimit));
        // Lane masks tested as bits: a mask of all ones is NaN as a double, so == on the doubles would never hold.
        uint smallLanes = small.ExtractMostSignificantBits();
        if (smallLanes == AllLanes)
        {
            var psi = ShiftedSeries(x);
            var phiSmall = Vector256.FusedMultiplyAdd(x, psi, Vector256<double>.One);
            return (Vector256.FusedMultiplyAdd(x, phiSmall, Vector256<double>.One), phiSmall, phiSmall - psi);
        }
        var e = Vector256.Exp(x);
        var reciprocal = Vector256<double>.One / x;
        var phi = (e - Vector256<double>.One) * reciprocal;
        var slope = (e - phi) * reciprocal;
        if (smallLanes != 0)
        {
            var psi = ShiftedSeries(x);
            var phiSmall = Vector256.FusedMultiplyAdd(x, psi, Vector256<double>.One);
            e = Vector256.ConditionalSelect(small, Vector256.FusedMultiplyAdd(x, phiSmall, Vector256<double>.One), e);
            slope = Vector256.ConditionalSelect(small, phiSmall - psi, slope);
            phi = Vector256.ConditionalSelect(small, phiSmall, phi);
        }
        return (e, phi, slope);
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

    /// <summary>Applies the leap to the first ⌊d/4⌋·4 coordinates and sums their s, u, s^(2), u^(2); returns that count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Apply(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, Span<double> w, double h, double alpha, double beta,
        out double s, out double u, out double s2, out double u2)
    {
        int n = w.Length - w.Length % Vector256<double>.Count;
        ref double l0 = ref MemoryMarshal.GetReference(lambda);
        ref double t0 = ref MemoryMarshal.GetReference(teacher);
        ref double w0 = ref MemoryMarshal.GetReference(w);
        var hv = Vector256.Create(h);
        var av = Vector256.Create(alpha);
        var bv = Vector256.Create(beta);
        Vector256<double> vs = default, vu = default, vs2 = default, vu2 = default;
        for (int i = 0; i < n; i += Vector256<double>.Count)
        {
            var l = Vector256.LoadUnsafe(ref l0, (nuint)i);
            var t = Vector256.LoadUnsafe(ref t0, (nuint)i);
            var wi = Vector256.LoadUnsafe(ref w0, (nuint)i);
            var lh = l * hv;
            var x = lh * av;
            var (e, phi, _) = Coefficients(x);
            var next = e * wi + bv * (lh * phi) * t;
            next.StoreUnsafe(ref w0, (nuint)i);
            var lw = l * next;
            var llw = l * lw;
            vs += lw * next;
            vu += lw * t;
            vs2 += llw * next;
            vu2 += llw * t;
        }
        s = Vector256.Sum(vs);
        u = Vector256.Sum(vu);
        s2 = Vector256.Sum(vs2);
        u2 = Vector256.Sum(vu2);
        return n;
    }

    // c0 + c1·x with constant coefficients (a method call per coefficient inside the loop cost a third of the pass).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Pair(double c0, double c1, Vector256<double> x) => Vector256.Create(c0) + Vector256.Create(c1) * x;
}

/// <summary>The sums of one evaluation pass: the leaped state's s, u, s^(2), u^(2) and the (halved, for s) derivatives of s and u in α and β.</summary>
internal readonly record struct EvaluationSums(double S, double U, double S2, double U2, double Dsa, double Dsb, double Dua, double Dub);
