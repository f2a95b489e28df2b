using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// The 128-bit forms of the <see cref="ProjectedKernels"/> (NEON on ARM64, where Vector256 is not accelerated): every sum
/// keeps the same eight lanes (element i in lane i mod 8, now four registers of two) and the same reduction tree, and the
/// elementwise passes run the same operations, so they give the 256-bit kernels' bits (tests compare them).
/// </summary>
internal static partial class ProjectedKernels
{
    /// <summary>Whether the kernels run their 128-bit forms: Vector128 accelerated, Vector256 not (ARM64).</summary>
    internal static bool Uses128 => !Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static (double VV, double UV, double UXi, double VXi) Project128(
        ReadOnlySpan<double> sqrtLambda, ReadOnlySpan<double> w, ReadOnlySpan<double> u, ReadOnlySpan<double> xi)
    {
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        Vector128<double> vv0 = default, vv1 = default, vv2 = default, vv3 = default, uv0 = default, uv1 = default, uv2 = default, uv3 = default;
        Vector128<double> ux0 = default, ux1 = default, ux2 = default, ux3 = default, vx0 = default, vx1 = default, vx2 = default, vx3 = default;
        for (; i <= d - 8; i += 8)
        {
            Vector128<double> v0 = L(ref l, i) * L(ref x, i), v1 = L(ref l, i + 2) * L(ref x, i + 2);
            Vector128<double> v2 = L(ref l, i + 4) * L(ref x, i + 4), v3 = L(ref l, i + 6) * L(ref x, i + 6);
            Vector128<double> u0 = L(ref b, i), u1 = L(ref b, i + 2), u2 = L(ref b, i + 4), u3 = L(ref b, i + 6);
            Vector128<double> n0 = L(ref n, i), n1 = L(ref n, i + 2), n2 = L(ref n, i + 4), n3 = L(ref n, i + 6);
            vv0 = Vector128.FusedMultiplyAdd(v0, v0, vv0);
            vv1 = Vector128.FusedMultiplyAdd(v1, v1, vv1);
            vv2 = Vector128.FusedMultiplyAdd(v2, v2, vv2);
            vv3 = Vector128.FusedMultiplyAdd(v3, v3, vv3);
            uv0 = Vector128.FusedMultiplyAdd(u0, v0, uv0);
            uv1 = Vector128.FusedMultiplyAdd(u1, v1, uv1);
            uv2 = Vector128.FusedMultiplyAdd(u2, v2, uv2);
            uv3 = Vector128.FusedMultiplyAdd(u3, v3, uv3);
            ux0 = Vector128.FusedMultiplyAdd(u0, n0, ux0);
            ux1 = Vector128.FusedMultiplyAdd(u1, n1, ux1);
            ux2 = Vector128.FusedMultiplyAdd(u2, n2, ux2);
            ux3 = Vector128.FusedMultiplyAdd(u3, n3, ux3);
            vx0 = Vector128.FusedMultiplyAdd(v0, n0, vx0);
            vx1 = Vector128.FusedMultiplyAdd(v1, n1, vx1);
            vx2 = Vector128.FusedMultiplyAdd(v2, n2, vx2);
            vx3 = Vector128.FusedMultiplyAdd(v3, n3, vx3);
        }
        double svv = FixedOrderSum.Of(vv0, vv1, vv2, vv3), suv = FixedOrderSum.Of(uv0, uv1, uv2, uv3);
        double suXi = FixedOrderSum.Of(ux0, ux1, ux2, ux3), svXi = FixedOrderSum.Of(vx0, vx1, vx2, vx3);
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

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static (double EE, double UE, double EXi) Residual128(
        ReadOnlySpan<double> sqrtLambda, ReadOnlySpan<double> w, ReadOnlySpan<double> u, double c, ReadOnlySpan<double> xi, Span<double> e)
    {
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        ref double r = ref MemoryMarshal.GetReference(e);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        CheckLengths(d, e.Length, d, d);
        Vector128<double> minusC = Vector128.Create(-c);
        Vector128<double> ee0 = default, ee1 = default, ee2 = default, ee3 = default, ue0 = default, ue1 = default, ue2 = default, ue3 = default;
        Vector128<double> ex0 = default, ex1 = default, ex2 = default, ex3 = default;
        for (; i <= d - 8; i += 8)
        {
            Vector128<double> u0 = L(ref b, i), u1 = L(ref b, i + 2), u2 = L(ref b, i + 4), u3 = L(ref b, i + 6);
            Vector128<double> e0 = Vector128.FusedMultiplyAdd(minusC, u0, L(ref l, i) * L(ref x, i));
            Vector128<double> e1 = Vector128.FusedMultiplyAdd(minusC, u1, L(ref l, i + 2) * L(ref x, i + 2));
            Vector128<double> e2 = Vector128.FusedMultiplyAdd(minusC, u2, L(ref l, i + 4) * L(ref x, i + 4));
            Vector128<double> e3 = Vector128.FusedMultiplyAdd(minusC, u3, L(ref l, i + 6) * L(ref x, i + 6));
            e0.StoreUnsafe(ref r, (nuint)i);
            e1.StoreUnsafe(ref r, (nuint)(i + 2));
            e2.StoreUnsafe(ref r, (nuint)(i + 4));
            e3.StoreUnsafe(ref r, (nuint)(i + 6));
            ee0 = Vector128.FusedMultiplyAdd(e0, e0, ee0);
            ee1 = Vector128.FusedMultiplyAdd(e1, e1, ee1);
            ee2 = Vector128.FusedMultiplyAdd(e2, e2, ee2);
            ee3 = Vector128.FusedMultiplyAdd(e3, e3, ee3);
            ue0 = Vector128.FusedMultiplyAdd(u0, e0, ue0);
            ue1 = Vector128.FusedMultiplyAdd(u1, e1, ue1);
            ue2 = Vector128.FusedMultiplyAdd(u2, e2, ue2);
            ue3 = Vector128.FusedMultiplyAdd(u3, e3, ue3);
            ex0 = Vector128.FusedMultiplyAdd(e0, L(ref n, i), ex0);
            ex1 = Vector128.FusedMultiplyAdd(e1, L(ref n, i + 2), ex1);
            ex2 = Vector128.FusedMultiplyAdd(e2, L(ref n, i + 4), ex2);
            ex3 = Vector128.FusedMultiplyAdd(e3, L(ref n, i + 6), ex3);
        }
        double see = FixedOrderSum.Of(ee0, ee1, ee2, ee3), sue = FixedOrderSum.Of(ue0, ue1, ue2, ue3), seXi = FixedOrderSum.Of(ex0, ex1, ex2, ex3);
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

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Update128(
        Span<double> w, ReadOnlySpan<double> sqrtLambda, double scale,
        double rho, ReadOnlySpan<double> xi, double alphaU, ReadOnlySpan<double> u, double alphaE, ReadOnlySpan<double> e)
    {
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        ref double r = ref MemoryMarshal.GetReference(e);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        CheckLengths(d, e.Length, d, d);
        Vector128<double> vRho = Vector128.Create(rho), vAlphaU = Vector128.Create(alphaU), vAlphaE = Vector128.Create(alphaE), vMinusScale = Vector128.Create(-scale);
        for (; i <= d - 2; i += 2)
        {
            Vector128<double> g = Vector128.FusedMultiplyAdd(vAlphaE, L(ref r, i), Vector128.FusedMultiplyAdd(vAlphaU, L(ref b, i), vRho * L(ref n, i)));
            Vector128.FusedMultiplyAdd(vMinusScale * L(ref l, i), g, L(ref x, i)).StoreUnsafe(ref x, (nuint)i);
        }
        for (; i < d; i++)
        {
            double g = Math.FusedMultiplyAdd(alphaE, Unsafe.Add(ref r, i), Math.FusedMultiplyAdd(alphaU, Unsafe.Add(ref b, i), rho * Unsafe.Add(ref n, i)));
            Unsafe.Add(ref x, i) = Math.FusedMultiplyAdd(-scale * Unsafe.Add(ref l, i), g, Unsafe.Add(ref x, i));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void UpdateFromV128(
        Span<double> w, ReadOnlySpan<double> sqrtLambda, double scale, double rho, ReadOnlySpan<double> xi, double alphaU, ReadOnlySpan<double> u, double alphaV)
    {
        int d = w.Length, i = 0;
        ref double l = ref MemoryMarshal.GetReference(sqrtLambda), x = ref MemoryMarshal.GetReference(w);
        ref double b = ref MemoryMarshal.GetReference(u), n = ref MemoryMarshal.GetReference(xi);
        CheckLengths(d, sqrtLambda.Length, u.Length, xi.Length);
        Vector128<double> vRho = Vector128.Create(rho), vAlphaU = Vector128.Create(alphaU), vAlphaV = Vector128.Create(alphaV), vMinusScale = Vector128.Create(-scale);
        for (; i <= d - 4; i += 4)
        {
            Vector128<double> la = L(ref l, i), xa = L(ref x, i), lb = L(ref l, i + 2), xb = L(ref x, i + 2);
            Vector128<double> ga = Vector128.FusedMultiplyAdd(vAlphaV, la * xa, Vector128.FusedMultiplyAdd(vAlphaU, L(ref b, i), vRho * L(ref n, i)));
            Vector128<double> gb = Vector128.FusedMultiplyAdd(vAlphaV, lb * xb, Vector128.FusedMultiplyAdd(vAlphaU, L(ref b, i + 2), vRho * L(ref n, i + 2)));
            Vector128.FusedMultiplyAdd(vMinusScale * la, ga, xa).StoreUnsafe(ref x, (nuint)i);
            Vector128.FusedMultiplyAdd(vMinusScale * lb, gb, xb).StoreUnsafe(ref x, (nuint)(i + 2));
        }
        for (; i < d; i++)
        {
            double li = Unsafe.Add(ref l, i), xi1 = Unsafe.Add(ref x, i);
            double g = Math.FusedMultiplyAdd(alphaV, li * xi1, Math.FusedMultiplyAdd(alphaU, Unsafe.Add(ref b, i), rho * Unsafe.Add(ref n, i)));
            Unsafe.Add(ref x, i) = Math.FusedMultiplyAdd(-scale * li, g, xi1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> L(ref double start, int index) => Vector128.LoadUnsafe(ref start, (nuint)index);
}
