using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// The O(d) passes of a flow leap (<see cref="SelfConsistentLeap"/>), four coordinates at a time with Vector256: the leap
/// solver spends nearly all its time here. Same formulas as <see cref="FlowCoefficients"/> (φ by the series below |x| = 1/2,
/// by (eˣ − 1)/x above, chosen per lane); only the summation order differs from the scalar path.
/// </summary>
internal static class FlowLeapVectorized
{
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// The leaped state of the first ⌊d/4⌋·4 coordinates into <paramref name="next"/> (w is not modified), with the ten sums of
    /// <see cref="SelfConsistentLeap"/>'s evaluation pass: s, u, s^(2), u^(2) of that state and the four derivatives; returns
    /// that count. One reciprocal of x serves φ and φ'; the Taylor series of φ runs only on vectors that have a lane below
    /// |x| = 1/2, and the quotient only on vectors that have a lane above it.
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
        var limit = Vector256.Create(SpecialFunctions.ExpRelativeSeriesLimit);
        var tinyLimit = Vector256.Create(PhiSlopeSeriesLimit);
        Vector256<double> vs = default, vu = default, vs2 = default, vu2 = default, vdsa = default, vdsb = default, vdua = default, vdub = default;
        for (int i = 0; i < n; i += Vector256<double>.Count)
        {
            var l = Vector256.LoadUnsafe(ref l0, (nuint)i);
            var t = Vector256.LoadUnsafe(ref t0, (nuint)i);
            var wi = Vector256.LoadUnsafe(ref w0, (nuint)i);
            var lh = l * hv;
            var x = lh * av;
            var e = Vector256.Exp(x);
            var ax = Vector256.Abs(x);
            var small = Vector256.LessThan(ax, limit);
            var reciprocal = Vector256<double>.One / x;
            Vector256<double> phi;
            if (small == Vector256<double>.Zero) phi = (e - Vector256<double>.One) * reciprocal;
            else if (small == Vector256<double>.AllBitsSet) phi = Series(x);
            else phi = Vector256.ConditionalSelect(small, Series(x), (e - Vector256<double>.One) * reciprocal);
            // φ'(x) = (eˣ − φ)/x, or 1/2 + x/3 where that would cancel (as in FlowCoefficients); only Newton's Jacobian uses it.
            var slope = Vector256.ConditionalSelect(Vector256.LessThan(ax, tinyLimit), Vector256.Create(0.5) + x * Vector256.Create(1.0 / 3), (e - phi) * reciprocal);
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

    /// <summary>Below this |x| φ'(x) is taken as 1/2 + x/3 (as in <see cref="FlowCoefficients"/>).</summary>
    internal const double PhiSlopeSeriesLimit = 1e-4;

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
            var e = Vector256.Exp(x);
            var next = e * wi + bv * (lh * Phi(x, e)) * t;
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

    // φ(x) = (eˣ − 1)/x per lane: the Estrin series of SpecialFunctions below |x| = 1/2, the quotient above
    // (lanes with x = 0 take the series, so the quotient's 0/0 is discarded).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Phi(Vector256<double> x, Vector256<double> e)
    {
        var small = Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SpecialFunctions.ExpRelativeSeriesLimit));
        return Vector256.ConditionalSelect(small, Series(x), (e - Vector256<double>.One) / x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Series(Vector256<double> x)
    {
        var x2 = x * x;
        var x4 = x2 * x2;
        var x8 = x4 * x4;
        var q0 = Pair(SpecialFunctions.C0, SpecialFunctions.C1, x) + x2 * Pair(SpecialFunctions.C2, SpecialFunctions.C3, x);
        var q1 = Pair(SpecialFunctions.C4, SpecialFunctions.C5, x) + x2 * Pair(SpecialFunctions.C6, SpecialFunctions.C7, x);
        var q2 = Pair(SpecialFunctions.C8, SpecialFunctions.C9, x) + x2 * Pair(SpecialFunctions.C10, SpecialFunctions.C11, x);
        var q3 = Pair(SpecialFunctions.C12, SpecialFunctions.C13, x) + x2 * Pair(SpecialFunctions.C14, SpecialFunctions.C15, x);
        return (q0 + x4 * q1) + x8 * (q2 + x4 * q3);
    }

    // c0 + c1·x with constant coefficients (a method call per coefficient inside the loop cost a third of the pass).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Pair(double c0, double c1, Vector256<double> x) => Vector256.Create(c0) + Vector256.Create(c1) * x;
}

/// <summary>The sums of one evaluation pass: the leaped state's s, u, s^(2), u^(2) and the (halved, for s) derivatives of s and u in α and β.</summary>
internal readonly record struct EvaluationSums(double S, double U, double S2, double U2, double Dsa, double Dsb, double Dua, double Dub);
