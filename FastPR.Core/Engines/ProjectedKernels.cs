using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastPR.Core;

/// <summary>
/// The three O(d) passes of one <see cref="ProjectedSgdEngine"/> step, each fused into one sweep so the step costs about
/// three reads of its d-vectors rather than a dozen. Sums run in a fixed order, so equal inputs give bit-equal outputs.
/// The kernels skip tiering (AggressiveOptimization) so a short run never executes them unoptimised.
/// </summary>
internal static class ProjectedKernels
{
    /// <summary>With v = √λ ⊙ w: returns (‖v‖², u·v, u·ξ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double VV, double UV, double UXi) Project(
        ReadOnlySpan<double> sqrtLambda, ReadOnlySpan<double> w, ReadOnlySpan<double> u, ReadOnlySpan<double> xi)
    {
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        Vector<double> vv = Vector<double>.Zero, uv = vv, uXi = vv;
        for (; i <= d - Vector<double>.Count; i += Vector<double>.Count)
        {
            Vector<double> v = Load(ref l, i) * Load(ref x, i), ui = Load(ref b, i);
            vv = Vector.FusedMultiplyAdd(v, v, vv);
            uv = Vector.FusedMultiplyAdd(ui, v, uv);
            uXi = Vector.FusedMultiplyAdd(ui, Load(ref n, i), uXi);
        }
        double svv = Vector.Sum(vv), suv = Vector.Sum(uv), suXi = Vector.Sum(uXi);
        for (; i < d; i++)
        {
            double v = Unsafe.Add(ref l, i) * Unsafe.Add(ref x, i), ui = Unsafe.Add(ref b, i);
            svv = Math.FusedMultiplyAdd(v, v, svv);
            suv = Math.FusedMultiplyAdd(ui, v, suv);
            suXi = Math.FusedMultiplyAdd(ui, Unsafe.Add(ref n, i), suXi);
        }
        return (svv, suv, suXi);
    }

    /// <summary>Writes e = √λ ⊙ w − c·u and returns (‖e‖², u·e, e·ξ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double EE, double UE, double EXi) Residual(
        ReadOnlySpan<double> sqrtLambda, ReadOnlySpan<double> w, ReadOnlySpan<double> u, double c, ReadOnlySpan<double> xi, Span<double> e)
    {
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        ref double r = ref MemoryMarshal.GetReference(e);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        CheckLengths(d, e.Length, d, d);
        Vector<double> minusC = new(-c), ee = Vector<double>.Zero, ue = ee, eXi = ee;
        for (; i <= d - Vector<double>.Count; i += Vector<double>.Count)
        {
            Vector<double> ui = Load(ref b, i);
            Vector<double> ei = Vector.FusedMultiplyAdd(minusC, ui, Load(ref l, i) * Load(ref x, i));
            Vector.StoreUnsafe(ei, ref r, (nuint)i);
            ee = Vector.FusedMultiplyAdd(ei, ei, ee);
            ue = Vector.FusedMultiplyAdd(ui, ei, ue);
            eXi = Vector.FusedMultiplyAdd(ei, Load(ref n, i), eXi);
        }
        double see = Vector.Sum(ee), sue = Vector.Sum(ue), seXi = Vector.Sum(eXi);
        for (; i < d; i++)
        {
            double ui = Unsafe.Add(ref b, i);
            double ei = Math.FusedMultiplyAdd(-c, ui, Unsafe.Add(ref l, i) * Unsafe.Add(ref x, i));
            Unsafe.Add(ref r, i) = ei;
            see = Math.FusedMultiplyAdd(ei, ei, see);
            sue = Math.FusedMultiplyAdd(ui, ei, sue);
            seXi = Math.FusedMultiplyAdd(ei, Unsafe.Add(ref n, i), seXi);
        }
        return (see, sue, seXi);
    }

    /// <summary>w ← w − scale·√λ ⊙ (ρ·ξ + αu·u + αe·e).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update(
        Span<double> w, ReadOnlySpan<double> sqrtLambda, double scale,
        double rho, ReadOnlySpan<double> xi, double alphaU, ReadOnlySpan<double> u, double alphaE, ReadOnlySpan<double> e)
    {
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        ref double r = ref MemoryMarshal.GetReference(e);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        CheckLengths(d, e.Length, d, d);
        Vector<double> vRho = new(rho), vAlphaU = new(alphaU), vAlphaE = new(alphaE), vMinusScale = new(-scale);
        for (; i <= d - Vector<double>.Count; i += Vector<double>.Count)
        {
            Vector<double> g = Vector.FusedMultiplyAdd(vAlphaE, Load(ref r, i), Vector.FusedMultiplyAdd(vAlphaU, Load(ref b, i), vRho * Load(ref n, i)));
            Vector.StoreUnsafe(Vector.FusedMultiplyAdd(vMinusScale * Load(ref l, i), g, Load(ref x, i)), ref x, (nuint)i);
        }
        for (; i < d; i++)
        {
            double g = Math.FusedMultiplyAdd(alphaE, Unsafe.Add(ref r, i), Math.FusedMultiplyAdd(alphaU, Unsafe.Add(ref b, i), rho * Unsafe.Add(ref n, i)));
            Unsafe.Add(ref x, i) = Math.FusedMultiplyAdd(-scale * Unsafe.Add(ref l, i), g, Unsafe.Add(ref x, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(ref double start, int index) => Vector.LoadUnsafe(ref start, (nuint)index);

    private static void CheckLengths(int d, int a, int b, int c)
    {
        if (a != d || b != d || c != d) throw new ArgumentException($"All vectors must have length {d}.");
    }
}
