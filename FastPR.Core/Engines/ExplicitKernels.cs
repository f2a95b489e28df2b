using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastPR.Core;

/// <summary>
/// The two fused passes of an explicit SGD step over a row block of G (docs/MODEL.md §3.1), for double or float G with
/// double everything else:
/// <list type="number">
/// <item><see cref="Project"/>: z_b = g_b·(√λ ⊙ w) and z*_b = g_b·(√λ ⊙ w*) for every row, in one sweep;</item>
/// <item><see cref="Accumulate"/>: (Gᵀr)_i += Σ_b r_b g_bi, and on the last block w_i += c_i·(Gᵀr)_i in the same sweep.</item>
/// </list>
/// Sums run in a fixed order from index 0 whatever the alignment or the machine: dot products in eight lanes (two 256-bit
/// registers, element i in lane i mod 8) reduced by one fixed tree, the tail added in index order; Gᵀr as one FMA chain per
/// coordinate over the rows in order. So equal inputs give bit-equal outputs on AVX2, AVX-512, NEON (the 128-bit forms in
/// ExplicitKernels.Vector128.cs) and scalar hardware.
/// Both kernels are fully optimised at once and never inlined, so their code does not depend on a caller's tier or
/// inlining budget (see <see cref="ZigguratLanes"/>).
/// </summary>
internal static partial class ExplicitKernels
{
    /// <summary>
    /// z[b] = g_b·(s ⊙ w), zStar[b] = g_b·t for the <paramref name="rows"/> rows of <paramref name="g"/>. An empty
    /// <paramref name="s"/> means <paramref name="w"/> is s ⊙ w already (the same rounded products, so the same sums): a
    /// step over several rows forms it once instead of once per row pair, which saves a quarter of the sweep's loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Project<T>(ReadOnlySpan<T> g, int rows, ReadOnlySpan<double> s, ReadOnlySpan<double> w, ReadOnlySpan<double> t,
        Span<double> z, Span<double> zStar) where T : unmanaged
    {
        if (Uses128)
        {
            Project128(g, rows, s, w, t, z, zStar);
            return;
        }
        int d = w.Length;
        bool scaled = s.IsEmpty;
        if (g.Length < rows * d || (!scaled && s.Length != d) || t.Length != d || z.Length < rows || zStar.Length < rows) throw new ArgumentException("Buffer sizes do not match.");
        ref double rs = ref MemoryMarshal.GetReference(s), rw = ref MemoryMarshal.GetReference(w), rt = ref MemoryMarshal.GetReference(t);
        if (rows == 1 && Uses512)
        {
            z[0] = ProjectRow512(ref MemoryMarshal.GetReference(g), scaled, ref rs, ref rw, ref rt, d, out zStar[0]);
            return;
        }
        int b = 0;
        for (; b + 1 < rows; b += 2)
        {
            // Two rows per sweep share the loads of s, w and t.
            ref T g0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(g), b * d);
            ref T g1 = ref Unsafe.Add(ref g0, d);
            Vector256<double> z0a = default, z0b = default, z1a = default, z1b = default;
            Vector256<double> y0a = default, y0b = default, y1a = default, y1b = default;
            int i = 0;
            for (; i <= d - 8; i += 8)
            {
                Vector256<double> pa = scaled ? Load(ref rw, i) : Load(ref rs, i) * Load(ref rw, i);
                Vector256<double> pb = scaled ? Load(ref rw, i + 4) : Load(ref rs, i + 4) * Load(ref rw, i + 4);
                Vector256<double> ta = Load(ref rt, i), tb = Load(ref rt, i + 4);
                Vector256<double> g0a = Load(ref g0, i), g0b = Load(ref g0, i + 4), g1a = Load(ref g1, i), g1b = Load(ref g1, i + 4);
                z0a = Vector256.FusedMultiplyAdd(g0a, pa, z0a);
                z0b = Vector256.FusedMultiplyAdd(g0b, pb, z0b);
                y0a = Vector256.FusedMultiplyAdd(g0a, ta, y0a);
                y0b = Vector256.FusedMultiplyAdd(g0b, tb, y0b);
                z1a = Vector256.FusedMultiplyAdd(g1a, pa, z1a);
                z1b = Vector256.FusedMultiplyAdd(g1b, pb, z1b);
                y1a = Vector256.FusedMultiplyAdd(g1a, ta, y1a);
                y1b = Vector256.FusedMultiplyAdd(g1b, tb, y1b);
            }
            z[b] = Tail(ref g0, scaled, ref rs, ref rw, ref rt, i, d, FixedOrderSum.Of(z0a, z0b), FixedOrderSum.Of(y0a, y0b), out zStar[b]);
            z[b + 1] = Tail(ref g1, scaled, ref rs, ref rw, ref rt, i, d, FixedOrderSum.Of(z1a, z1b), FixedOrderSum.Of(y1a, y1b), out zStar[b + 1]);
        }
        if (b < rows)
        {
            ref T g0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(g), b * d);
            Vector256<double> z0a = default, z0b = default, y0a = default, y0b = default;
            int i = 0;
            for (; i <= d - 8; i += 8)
            {
                Vector256<double> g0a = Load(ref g0, i), g0b = Load(ref g0, i + 4);
                z0a = Vector256.FusedMultiplyAdd(g0a, scaled ? Load(ref rw, i) : Load(ref rs, i) * Load(ref rw, i), z0a);
                z0b = Vector256.FusedMultiplyAdd(g0b, scaled ? Load(ref rw, i + 4) : Load(ref rs, i + 4) * Load(ref rw, i + 4), z0b);
                y0a = Vector256.FusedMultiplyAdd(g0a, Load(ref rt, i), y0a);
                y0b = Vector256.FusedMultiplyAdd(g0b, Load(ref rt, i + 4), y0b);
            }
            z[b] = Tail(ref g0, scaled, ref rs, ref rw, ref rt, i, d, FixedOrderSum.Of(z0a, z0b), FixedOrderSum.Of(y0a, y0b), out zStar[b]);
        }
    }

    /// <summary>
    /// acc_i = (first ? 0 : gtr_i) + Σ_b r_b g_bi as one FMA chain over the rows in order; then gtr_i = acc_i, or, when
    /// <paramref name="last"/>, w_i += c_i·acc_i (w is left alone until then, since every block's z reads the old w), with
    /// c_i = <paramref name="k"/>·s_i formed here: the projection has just read s, so this keeps one d-vector fewer in L1.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate<T>(ReadOnlySpan<T> g, int rows, ReadOnlySpan<double> r, Span<double> gtr, bool first, bool last,
        ReadOnlySpan<double> s, double k, Span<double> w) where T : unmanaged
    {
        if (Uses128)
        {
            Accumulate128(g, rows, r, gtr, first, last, s, k, w);
            return;
        }
        Vector256<double> vk = Vector256.Create(k);
        int d = w.Length;
        if (g.Length < rows * d || r.Length < rows || gtr.Length != d || s.Length != d) throw new ArgumentException("Buffer sizes do not match.");
        ref T g0 = ref MemoryMarshal.GetReference(g);
        ref double rr = ref MemoryMarshal.GetReference(r), racc = ref MemoryMarshal.GetReference(gtr);
        ref double rs = ref MemoryMarshal.GetReference(s), rw = ref MemoryMarshal.GetReference(w);
        int i = 0;
        if (rows == 1 && first && last)
        {
            // One row, one block (B = 1): w_i += c_i·(r_0·g_i), the general path's FMA chain of one term (0 + r·g = r·g).
            Vector256<double> r0 = Vector256.Create(rr);
            if (Uses512) i = OneRow512(ref g0, rr, k, ref rs, ref rw, d);
            for (; i <= d - 8; i += 8)
            {
                Vector256<double> a0 = r0 * Load(ref g0, i), a1 = r0 * Load(ref g0, i + 4);
                Vector256.FusedMultiplyAdd(vk * Load(ref rs, i), a0, Load(ref rw, i)).StoreUnsafe(ref rw, (nuint)i);
                Vector256.FusedMultiplyAdd(vk * Load(ref rs, i + 4), a1, Load(ref rw, i + 4)).StoreUnsafe(ref rw, (nuint)(i + 4));
            }
        }
        for (; i <= d - 16; i += 16)
        {
            Vector256<double> a0 = first ? default : Load(ref racc, i), a1 = first ? default : Load(ref racc, i + 4);
            Vector256<double> a2 = first ? default : Load(ref racc, i + 8), a3 = first ? default : Load(ref racc, i + 12);
            ref T row = ref g0;
            for (int b = 0; b < rows; b++, row = ref Unsafe.Add(ref row, d))
            {
                Vector256<double> rb = Vector256.Create(Unsafe.Add(ref rr, b));
                a0 = Vector256.FusedMultiplyAdd(rb, Load(ref row, i), a0);
                a1 = Vector256.FusedMultiplyAdd(rb, Load(ref row, i + 4), a1);
                a2 = Vector256.FusedMultiplyAdd(rb, Load(ref row, i + 8), a2);
                a3 = Vector256.FusedMultiplyAdd(rb, Load(ref row, i + 12), a3);
            }
            Finish(a0, ref racc, vk, ref rs, ref rw, i, last);
            Finish(a1, ref racc, vk, ref rs, ref rw, i + 4, last);
            Finish(a2, ref racc, vk, ref rs, ref rw, i + 8, last);
            Finish(a3, ref racc, vk, ref rs, ref rw, i + 12, last);
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
    private static void Finish(Vector256<double> acc, ref double gtr, Vector256<double> k, ref double s, ref double w, int i, bool last)
    {
        if (last) Vector256.FusedMultiplyAdd(k * Load(ref s, i), acc, Load(ref w, i)).StoreUnsafe(ref w, (nuint)i);
        else acc.StoreUnsafe(ref gtr, (nuint)i);
    }

    /// <summary>Adds elements i … d − 1 in index order to the reduced vector sums; returns z and sets z*.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Tail<T>(ref T g, bool scaled, ref double s, ref double w, ref double t, int i, int d, double z, double zStar, out double zStarOut) where T : unmanaged
    {
        for (; i < d; i++)
        {
            double gi = Scalar(ref g, i);
            z = Math.FusedMultiplyAdd(gi, scaled ? Unsafe.Add(ref w, i) : Unsafe.Add(ref s, i) * Unsafe.Add(ref w, i), z);
            zStar = Math.FusedMultiplyAdd(gi, Unsafe.Add(ref t, i), zStar);
        }
        zStarOut = zStar;
        return z;
    }


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load(ref double x, int i) => Vector256.LoadUnsafe(ref x, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load<T>(ref T x, int i) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref x), (nuint)i);
        Vector128<float> f = Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref x), (nuint)i);
        return Avx.IsSupported ? Avx.ConvertToVector256Double(f) : Vector256.Create(Vector128.WidenLower(f), Vector128.WidenUpper(f));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Scalar<T>(ref T x, int i) where T : unmanaged =>
        typeof(T) == typeof(double) ? Unsafe.As<T, double>(ref Unsafe.Add(ref x, i)) : Unsafe.As<T, float>(ref Unsafe.Add(ref x, i));
}
