using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// The 128-bit forms of the <see cref="ExplicitKernels"/> (NEON on ARM64, where Vector256 is not accelerated): the same
/// eight lanes per dot product (four registers of two) and reduction tree, the same FMA chain per coordinate, so they give
/// the 256-bit kernels' bits (tests compare them). The projection sweeps one row at a time: two rows' sixteen sums would
/// take all thirty-two NEON registers.
/// </summary>
internal static partial class ExplicitKernels
{
    /// <summary>Whether the kernels run their 128-bit forms: Vector128 accelerated, Vector256 not (ARM64).</summary>
    internal static bool Uses128 => !Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Project128<T>(ReadOnlySpan<T> g, int rows, ReadOnlySpan<double> s, ReadOnlySpan<double> w, ReadOnlySpan<double> t,
        Span<double> z, Span<double> zStar) where T : unmanaged
    {
        int d = w.Length;
        bool scaled = s.IsEmpty;
        if (g.Length < rows * d || (!scaled && s.Length != d) || t.Length != d || z.Length < rows || zStar.Length < rows) throw new ArgumentException("Buffer sizes do not match.");
        ref double rs = ref MemoryMarshal.GetReference(s), rw = ref MemoryMarshal.GetReference(w), rt = ref MemoryMarshal.GetReference(t);
        for (int b = 0; b < rows; b++)
        {
            ref T row = ref Unsafe.Add(ref MemoryMarshal.GetReference(g), b * d);
            Vector128<double> z0 = default, z1 = default, z2 = default, z3 = default, y0 = default, y1 = default, y2 = default, y3 = default;
            int i = 0;
            for (; i <= d - 8; i += 8)
            {
                Load8(ref row, i, out var g0, out var g1, out var g2, out var g3);
                z0 = Vector128.FusedMultiplyAdd(g0, Product(scaled, ref rs, ref rw, i), z0);
                z1 = Vector128.FusedMultiplyAdd(g1, Product(scaled, ref rs, ref rw, i + 2), z1);
                z2 = Vector128.FusedMultiplyAdd(g2, Product(scaled, ref rs, ref rw, i + 4), z2);
                z3 = Vector128.FusedMultiplyAdd(g3, Product(scaled, ref rs, ref rw, i + 6), z3);
                y0 = Vector128.FusedMultiplyAdd(g0, L(ref rt, i), y0);
                y1 = Vector128.FusedMultiplyAdd(g1, L(ref rt, i + 2), y1);
                y2 = Vector128.FusedMultiplyAdd(g2, L(ref rt, i + 4), y2);
                y3 = Vector128.FusedMultiplyAdd(g3, L(ref rt, i + 6), y3);
            }
            z[b] = Tail(ref row, scaled, ref rs, ref rw, ref rt, i, d, FixedOrderSum.Of(z0, z1, z2, z3), FixedOrderSum.Of(y0, y1, y2, y3), out zStar[b]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Accumulate128<T>(ReadOnlySpan<T> g, int rows, ReadOnlySpan<double> r, Span<double> gtr, bool first, bool last,
        ReadOnlySpan<double> s, double k, Span<double> w) where T : unmanaged
    {
        Vector128<double> vk = Vector128.Create(k);
        int d = w.Length;
        if (g.Length < rows * d || r.Length < rows || gtr.Length != d || s.Length != d) throw new ArgumentException("Buffer sizes do not match.");
        ref T g0 = ref MemoryMarshal.GetReference(g);
        ref double rr = ref MemoryMarshal.GetReference(r), racc = ref MemoryMarshal.GetReference(gtr);
        ref double rs = ref MemoryMarshal.GetReference(s), rw = ref MemoryMarshal.GetReference(w);
        int i = 0;
        if (rows == 1 && first && last)
        {
            // As the 256-bit kernel: w_i += c_i·(r_0·g_i) over the same whole blocks of eight, the rest by the general tail.
            Vector128<double> r0 = Vector128.Create(rr);
            for (; i <= d - 8; i += 8)
            {
                Load8(ref g0, i, out var a0, out var a1, out var a2, out var a3);
                OneRow(r0 * a0, vk, ref rs, ref rw, i);
                OneRow(r0 * a1, vk, ref rs, ref rw, i + 2);
                OneRow(r0 * a2, vk, ref rs, ref rw, i + 4);
                OneRow(r0 * a3, vk, ref rs, ref rw, i + 6);
            }
        }
        for (; i <= d - 8; i += 8)
        {
            Vector128<double> a0 = first ? default : L(ref racc, i), a1 = first ? default : L(ref racc, i + 2);
            Vector128<double> a2 = first ? default : L(ref racc, i + 4), a3 = first ? default : L(ref racc, i + 6);
            ref T row = ref g0;
            for (int b = 0; b < rows; b++, row = ref Unsafe.Add(ref row, d))
            {
                Vector128<double> rb = Vector128.Create(Unsafe.Add(ref rr, b));
                Load8(ref row, i, out var x0, out var x1, out var x2, out var x3);
                a0 = Vector128.FusedMultiplyAdd(rb, x0, a0);
                a1 = Vector128.FusedMultiplyAdd(rb, x1, a1);
                a2 = Vector128.FusedMultiplyAdd(rb, x2, a2);
                a3 = Vector128.FusedMultiplyAdd(rb, x3, a3);
            }
            Finish(a0, ref racc, vk, ref rs, ref rw, i, last);
            Finish(a1, ref racc, vk, ref rs, ref rw, i + 2, last);
            Finish(a2, ref racc, vk, ref rs, ref rw, i + 4, last);
            Finish(a3, ref racc, vk, ref rs, ref rw, i + 6, last);
        }
        for (; i < d; i++)
        {
            double acc = first ? 0 : Unsafe.Add(ref racc, i);
            ref T row = ref g0;
            for (int b = 0; b < rows; b++, row = ref Unsafe.Add(ref row, d)) acc = Math.FusedMultiplyAdd(Unsafe.Add(ref rr, b), Scalar(ref row, i), acc);
            if (last) Unsafe.Add(ref rw, i) = Math.FusedMultiplyAdd(k * Unsafe.Add(ref rs, i), acc, Unsafe.Add(ref rw, i));
            else Unsafe.Add(ref racc, i) = acc;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneRow(Vector128<double> a, Vector128<double> k, ref double s, ref double w, int i) =>
        Vector128.FusedMultiplyAdd(k * L(ref s, i), a, L(ref w, i)).StoreUnsafe(ref w, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector128<double> acc, ref double gtr, Vector128<double> k, ref double s, ref double w, int i, bool last)
    {
        if (last) Vector128.FusedMultiplyAdd(k * L(ref s, i), acc, L(ref w, i)).StoreUnsafe(ref w, (nuint)i);
        else acc.StoreUnsafe(ref gtr, (nuint)i);
    }

    /// <summary>s_i·w_i for elements i, i + 1 (w alone when it is s ⊙ w already).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Product(bool scaled, ref double s, ref double w, int i) => scaled ? L(ref w, i) : L(ref s, i) * L(ref w, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> L(ref double x, int i) => Vector128.LoadUnsafe(ref x, (nuint)i);

    /// <summary>Elements i … i + 7 as doubles (float G widened, exactly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load8<T>(ref T x, int i, out Vector128<double> v0, out Vector128<double> v1, out Vector128<double> v2, out Vector128<double> v3) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            ref double start = ref Unsafe.As<T, double>(ref x);
            v0 = L(ref start, i);
            v1 = L(ref start, i + 2);
            v2 = L(ref start, i + 4);
            v3 = L(ref start, i + 6);
            return;
        }
        Vector128<float> low = Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref x), (nuint)i);
        Vector128<float> high = Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref x), (nuint)(i + 4));
        v0 = Vector128.WidenLower(low);
        v1 = Vector128.WidenUpper(low);
        v2 = Vector128.WidenLower(high);
        v3 = Vector128.WidenUpper(high);
    }
}
