using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// The O(d) passes of a leap (<see cref="SelfConsistentLeap"/>), four coordinates at a time with Vector256, for the flow and for
/// population GD alike: the leap solvers spend nearly all their time here. The per-coordinate coefficients come from
/// <see cref="IVectorLeapCoefficients"/> (the same formulas as the scalar <see cref="ILeapCoefficients"/>). It runs on every
/// machine, accelerated or not (Vector256 is emulated with two 128-bit registers on ARM64 and with scalar code elsewhere), and its
/// sums are reduced in one fixed order, so a leap gives the same bits on every platform. The pass is fully optimised at once
/// and never inlined (see <see cref="ZigguratLanes"/>).
/// </summary>
internal static class LeapVectorized
{
    /// <summary>
    /// The leaped state of the first ⌊d/4⌋·4 coordinates into <paramref name="next"/>, with the ten sums of
    /// <see cref="SelfConsistentLeap"/>'s evaluation pass: s, u, s^(2), u^(2) of that state and the four derivatives; returns
    /// that count. <paramref name="next"/> may be <paramref name="w"/> itself (each coordinate is read before it is written).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int Evaluate<T>(T coefficients, ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, ReadOnlySpan<double> w,
        double alpha, double beta, Span<double> next, out EvaluationSums sums)
        where T : struct, IVectorLeapCoefficients
    {
        int n = w.Length - w.Length % Vector256<double>.Count;
        if (lambda.Length < n || teacher.Length < n || next.Length < n) throw new ArgumentException("Buffer sizes do not match.");
        ref double l0 = ref MemoryMarshal.GetReference(lambda);
        ref double t0 = ref MemoryMarshal.GetReference(teacher);
        ref double w0 = ref MemoryMarshal.GetReference(w);
        ref double n0 = ref MemoryMarshal.GetReference(next);
        var bv = Vector256.Create(beta);
        Vector256<double> vs = default, vu = default, vs2 = default, vu2 = default, vdsa = default, vdsb = default, vdua = default, vdub = default;
        for (int i = 0; i < n; i += Vector256<double>.Count)
        {
            var l = Vector256.LoadUnsafe(ref l0, (nuint)i);
            var t = Vector256.LoadUnsafe(ref t0, (nuint)i);
            var wi = Vector256.LoadUnsafe(ref w0, (nuint)i);
            var (growth, drive, growthSlope, driveSlope) = coefficients.Compute(l, alpha);
            var bi = drive * t;
            var ni = growth * wi + bv * bi;
            ni.StoreUnsafe(ref n0, (nuint)i);
            var byAlpha = growthSlope * wi + bv * driveSlope * t;
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
        sums = new EvaluationSums(Sum(vs), Sum(vu), Sum(vs2), Sum(vu2), Sum(vdsa), Sum(vdsb), Sum(vdua), Sum(vdub));
        return n;
    }

    /// <summary>(v0 + v2) + (v1 + v3), written out: Vector256.Sum's order is the hardware's and differs where it is emulated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(Vector256<double> v)
    {
        Vector128<double> h = v.GetLower() + v.GetUpper();
        return h.GetElement(0) + h.GetElement(1);
    }
}

/// <summary>The sums of one evaluation pass: the leaped state's s, u, s^(2), u^(2) and the (halved, for s) derivatives of s and u in α and β.</summary>
internal readonly record struct EvaluationSums(double S, double U, double S2, double U2, double Dsa, double Dsb, double Dua, double Dub);
