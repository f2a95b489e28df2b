using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// The O(d) passes of one <see cref="ProjectedSgdEngine"/> step, each fused into one sweep: two (<see cref="Project"/>,
/// <see cref="UpdateFromV"/>) when span{v, u} is well conditioned, three (with <see cref="Residual"/> and <see cref="Update"/>)
/// near v ∥ u. Dot products run in eight lanes (two 256-bit registers, element i in
/// lane i mod 8) reduced by one fixed tree, the tail added in index order, so equal inputs give bit-equal outputs on AVX2,
/// AVX-512, NEON (the 128-bit forms in ProjectedKernels.Vector128.cs) and scalar hardware. Two registers per sum, not one: a single FMA chain per sum made each pass wait on FMA
/// latency (about 1000 cycles at d = 1000), which made the projected step slower than the explicit one at B = 1.
/// The kernels skip tiering (AggressiveOptimization) so a short run never executes them unoptimised, and are never inlined
/// (NoInlining) so their code does not depend on a caller's profile and inlining budget (see <see cref="ZigguratLanes"/>).
/// </summary>
internal static partial class ProjectedKernels
{
    /// <summary>With v = √λ ⊙ w: returns (‖v‖², u·v, u·ξ, v·ξ).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static (double VV, double UV, double UXi, double VXi) Project(
        ReadOnlySpan<double> sqrtLambda, ReadOnlySpan<double> w, ReadOnlySpan<double> u, ReadOnlySpan<double> xi)
    {
        if (Uses128) return Project128(sqrtLambda, w, u, xi);
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        Vector256<double> vvA = default, vvB = default, uvA = default, uvB = default, uXiA = default, uXiB = default, vXiA = default, vXiB = default;
        for (; i <= d - 8; i += 8)
        {
            Vector256<double> va = Load(ref l, i) * Load(ref x, i), vb = Load(ref l, i + 4) * Load(ref x, i + 4);
            Vector256<double> ua = Load(ref b, i), ub = Load(ref b, i + 4), na = Load(ref n, i), nb = Load(ref n, i + 4);
            vvA = Vector256.FusedMultiplyAdd(va, va, vvA);
            vvB = Vector256.FusedMultiplyAdd(vb, vb, vvB);
            uvA = Vector256.FusedMultiplyAdd(ua, va, uvA);
            uvB = Vector256.FusedMultiplyAdd(ub, vb, uvB);
            uXiA = Vector256.FusedMultiplyAdd(ua, na, uXiA);
            uXiB = Vector256.FusedMultiplyAdd(ub, nb, uXiB);
            vXiA = Vector256.FusedMultiplyAdd(va, na, vXiA);
            vXiB = Vector256.FusedMultiplyAdd(vb, nb, vXiB);
        }
        double svv = FixedOrderSum.Of(vvA, vvB), suv = FixedOrderSum.Of(uvA, uvB), suXi = FixedOrderSum.Of(uXiA, uXiB), svXi = FixedOrderSum.Of(vXiA, vXiB);
        for (; i < d; i++)
        {
            double v = Unsafe.Add(ref l, i) * Unsafe.Add(ref x, i), ui = Unsafe.Add(ref b, i), ni = Unsafe.Add(ref n, i);
            svv = Math.FusedMultiplyAdd(v, v, svv);
            suv = Math.FusedMultiplyAdd(ui, v, suv);
            suXi = Math.FusedMultiplyAdd(ui, ni, suXi);
            svXi = Math.FusedMultiplyAdd(v, ni, svXi);
        }
        return (svv, suv, suXi, svXi);
    }

    /// <summary>Writes e = √λ ⊙ w − c·u and returns (‖e‖², u·e, e·ξ).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static (double EE, double UE, double EXi) Residual(
        ReadOnlySpan<double> sqrtLambda, ReadOnlySpan<double> w, ReadOnlySpan<double> u, double c, ReadOnlySpan<double> xi, Span<double> e)
    {
        if (Uses128) return Residual128(sqrtLambda, w, u, c, xi, e);
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        ref double r = ref MemoryMarshal.GetReference(e);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        CheckLengths(d, e.Length, d, d);
        Vector256<double> minusC = Vector256.Create(-c);
        Vector256<double> eeA = default, eeB = default, ueA = default, ueB = default, eXiA = default, eXiB = default;
        for (; i <= d - 8; i += 8)
        {
            Vector256<double> ua = Load(ref b, i), ub = Load(ref b, i + 4);
            Vector256<double> ea = Vector256.FusedMultiplyAdd(minusC, ua, Load(ref l, i) * Load(ref x, i));
            Vector256<double> eb = Vector256.FusedMultiplyAdd(minusC, ub, Load(ref l, i + 4) * Load(ref x, i + 4));
            ea.StoreUnsafe(ref r, (nuint)i);
            eb.StoreUnsafe(ref r, (nuint)(i + 4));
            eeA = Vector256.FusedMultiplyAdd(ea, ea, eeA);
            eeB = Vector256.FusedMultiplyAdd(eb, eb, eeB);
            ueA = Vector256.FusedMultiplyAdd(ua, ea, ueA);
            ueB = Vector256.FusedMultiplyAdd(ub, eb, ueB);
            eXiA = Vector256.FusedMultiplyAdd(ea, Load(ref n, i), eXiA);
            eXiB = Vector256.FusedMultiplyAdd(eb, Load(ref n, i + 4), eXiB);
        }
        double see = FixedOrderSum.Of(eeA, eeB), sue = FixedOrderSum.Of(ueA, ueB), seXi = FixedOrderSum.Of(eXiA, eXiB);
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
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Update(
        Span<double> w, ReadOnlySpan<double> sqrtLambda, double scale,
        double rho, ReadOnlySpan<double> xi, double alphaU, ReadOnlySpan<double> u, double alphaE, ReadOnlySpan<double> e)
    {
        if (Uses128)
        {
            Update128(w, sqrtLambda, scale, rho, xi, alphaU, u, alphaE, e);
            return;
        }
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        ref double r = ref MemoryMarshal.GetReference(e);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        CheckLengths(d, e.Length, d, d);
        Vector256<double> vRho = Vector256.Create(rho), vAlphaU = Vector256.Create(alphaU), vAlphaE = Vector256.Create(alphaE), vMinusScale = Vector256.Create(-scale);
        for (; i <= d - 4; i += 4)
        {
            Vector256<double> g = Vector256.FusedMultiplyAdd(vAlphaE, Load(ref r, i), Vector256.FusedMultiplyAdd(vAlphaU, Load(ref b, i), vRho * Load(ref n, i)));
            Vector256.FusedMultiplyAdd(vMinusScale * Load(ref l, i), g, Load(ref x, i)).StoreUnsafe(ref x, (nuint)i);
        }
        for (; i < d; i++)
        {
            double g = Math.FusedMultiplyAdd(alphaE, Unsafe.Add(ref r, i), Math.FusedMultiplyAdd(alphaU, Unsafe.Add(ref b, i), rho * Unsafe.Add(ref n, i)));
            Unsafe.Add(ref x, i) = Math.FusedMultiplyAdd(-scale * Unsafe.Add(ref l, i), g, Unsafe.Add(ref x, i));
        }
    }

    /// <summary>w ← w − scale·√λ ⊙ (ρ·ξ + αu·u + αv·(√λ ⊙ w)): <see cref="Update"/> with e = v − c·u folded into αu and αv, so e is never stored.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void UpdateFromV(
        Span<double> w, ReadOnlySpan<double> sqrtLambda, double scale, double rho, ReadOnlySpan<double> xi, double alphaU, ReadOnlySpan<double> u, double alphaV)
    {
        if (Uses128)
        {
            UpdateFromV128(w, sqrtLambda, scale, rho, xi, alphaU, u, alphaV);
            return;
        }
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        Vector256<double> vRho = Vector256.Create(rho), vAlphaU = Vector256.Create(alphaU), vAlphaV = Vector256.Create(alphaV), vMinusScale = Vector256.Create(-scale);
        for (; i <= d - 8; i += 8)
        {
            // Both halves load before either stores, so no load waits on the previous store to w.
            Vector256<double> la = Load(ref l, i), xa = Load(ref x, i), lb = Load(ref l, i + 4), xb = Load(ref x, i + 4);
            Vector256<double> ga = Vector256.FusedMultiplyAdd(vAlphaV, la * xa, Vector256.FusedMultiplyAdd(vAlphaU, Load(ref b, i), vRho * Load(ref n, i)));
            Vector256<double> gb = Vector256.FusedMultiplyAdd(vAlphaV, lb * xb, Vector256.FusedMultiplyAdd(vAlphaU, Load(ref b, i + 4), vRho * Load(ref n, i + 4)));
            Vector256.FusedMultiplyAdd(vMinusScale * la, ga, xa).StoreUnsafe(ref x, (nuint)i);
            Vector256.FusedMultiplyAdd(vMinusScale * lb, gb, xb).StoreUnsafe(ref x, (nuint)(i + 4));
        }
        for (; i < d; i++)
        {
            double li = Unsafe.Add(ref l, i), xi1 = Unsafe.Add(ref x, i);
            double g = Math.FusedMultiplyAdd(alphaV, li * xi1, Math.FusedMultiplyAdd(alphaU, Unsafe.Add(ref b, i), rho * Unsafe.Add(ref n, i)));
            Unsafe.Add(ref x, i) = Math.FusedMultiplyAdd(-scale * li, g, xi1);
        }
    }


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load(ref double start, int index) => Vector256.LoadUnsafe(ref start, (nuint)index);

    private static void CheckLengths(int d, int a, int b, int c)
    {
        if (a != d || b != d || c != d) throw new ArgumentException($"All vectors must have length {d}.");
    }
}
