using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastPR.Core;

/// <summary>
/// The 512-bit forms of the one-row passes (B = 1) where 512-bit vectors are accelerated. They keep the 256-bit kernels'
/// bits: the projection holds the same eight lanes (element i in lane i mod 8) in one register instead of two and reduces
/// them by the same tree; the update is elementwise over the same whole blocks of eight, the rest by the same scalar tail.
/// On AMD Zen 5 (family 26) at d = 1000 they measured 120–125 ns against 148–153 for the projection and 59–61 against
/// 129–135 for the update (BENCHMARKS.md, issue #26, B = 1 session): the 256-bit sweeps were bound by loads.
/// </summary>
internal static partial class ExplicitKernels
{
    /// <summary>Whether the one-row passes run their 512-bit forms.</summary>
    internal static bool Uses512 => Vector512.IsHardwareAccelerated;

    /// <summary>z = g·(s ⊙ w) (w alone when <paramref name="scaled"/>), z* = g·t for one row; the caller checked the sizes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static double ProjectRow512<T>(ref T g, bool scaled, ref double s, ref double w, ref double t, int d, out double zStar) where T : unmanaged
    {
        Vector512<double> z = default, y = default;
        int i = 0;
        for (; i <= d - 8; i += 8)
        {
            Vector512<double> gi = Load512(ref g, i);
            z = Vector512.FusedMultiplyAdd(gi, scaled ? L512(ref w, i) : L512(ref s, i) * L512(ref w, i), z);
            y = Vector512.FusedMultiplyAdd(gi, L512(ref t, i), y);
        }
        return Tail(ref g, scaled, ref s, ref w, ref t, i, d, FixedOrderSum.Of(z.GetLower(), z.GetUpper()), FixedOrderSum.Of(y.GetLower(), y.GetUpper()), out zStar);
    }

    /// <summary>w_i += (k·s_i)·(r·g_i) over the whole blocks of eight; returns where the scalar tail starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int OneRow512<T>(ref T g, double r, double k, ref double s, ref double w, int d) where T : unmanaged
    {
        Vector512<double> r0 = Vector512.Create(r), vk = Vector512.Create(k);
        int i = 0;
        for (; i <= d - 8; i += 8)
            Vector512.FusedMultiplyAdd(vk * L512(ref s, i), r0 * Load512(ref g, i), L512(ref w, i)).StoreUnsafe(ref w, (nuint)i);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> L512(ref double x, int i) => Vector512.LoadUnsafe(ref x, (nuint)i);

    /// <summary>Elements i … i + 7 as doubles (float G widened, exactly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Load512<T>(ref T x, int i) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Vector512.LoadUnsafe(ref Unsafe.As<T, double>(ref x), (nuint)i);
        Vector256<float> f = Vector256.LoadUnsafe(ref Unsafe.As<T, float>(ref x), (nuint)i);
        return Avx512F.IsSupported ? Avx512F.ConvertToVector512Double(f) : Vector512.Create(Vector256.WidenLower(f), Vector256.WidenUpper(f));
    }
}
