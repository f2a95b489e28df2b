using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// One row of an explicit step drawn and projected in one pass (docs/MODEL.md §3.1): the normals g come from a
/// <see cref="ZigguratGaussianSource"/>, and z = g·(s ⊙ w), z* = g·t are summed while they are generated, bit for bit as
/// <see cref="ExplicitKernels.Project"/> sums them over the drawn row (element i in lane i mod 8 in index order for
/// i &lt; d − d mod 8, the fixed tree, then the tail in order). The source's batches start wherever its cache left off,
/// so the fused part keeps its lanes rotated by that offset and turns them back before the tree.
/// </summary>
internal static class DrawProjection
{
    /// <summary>Fills <paramref name="g"/> from <paramref name="source"/> and returns z, z* as above.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static unsafe void FillAndProject(ZigguratGaussianSource source, Span<double> g, ReadOnlySpan<double> s, ReadOnlySpan<double> w,
        ReadOnlySpan<double> t, out double z, out double zStar)
    {
        int d = g.Length, vectorEnd = d & ~7;
        if (s.Length != d || w.Length != d || t.Length != d) throw new ArgumentException("Buffer sizes do not match.");
        int c = Math.Min(source.CachedDoubles, d);
        int batches = vectorEnd > c && source.CanProject ? (vectorEnd - c) / ZigguratLanes.DoublesPerBatch : 0;
        if (batches == 0)
        {
            source.Fill(g);
            Span<double> zs = stackalloc double[2];
            ExplicitKernels.Project<double>(g, 1, s, w, t, zs[..1], zs[1..]);
            z = zs[0];
            zStar = zs[1];
            return;
        }
        // The cached head [0, c) in ExplicitKernels' lanes (lane i mod 8), written twice so a load at c mod 8 rotates them.
        source.Fill(g[..c]);
        Span<double> lanes = stackalloc double[32]; // z lanes 0–7 twice, then z* lanes 0–7 twice
        lanes.Clear();
        for (int i = 0; i < c; i++)
        {
            lanes[i & 7] = Math.FusedMultiplyAdd(g[i], s[i] * w[i], lanes[i & 7]);
            lanes[16 + (i & 7)] = Math.FusedMultiplyAdd(g[i], t[i], lanes[16 + (i & 7)]);
        }
        lanes[..8].CopyTo(lanes[8..]);
        lanes[16..24].CopyTo(lanes[24..]);
        int m = c & 7;
        // From here lane L holds the elements i ≡ c + L (mod 8).
        var sums = new ProjectionSums
        {
            ZA = Vector256.Create<double>(lanes.Slice(m, 4)),
            ZB = Vector256.Create<double>(lanes.Slice(m + 4, 4)),
            YA = Vector256.Create<double>(lanes.Slice(16 + m, 4)),
            YB = Vector256.Create<double>(lanes.Slice(20 + m, 4)),
        };
        int pos = c + batches * ZigguratLanes.DoublesPerBatch;
        fixed (double* ps = s, pw = w, pt = t)
            source.FillBatchesProjecting(g[c..pos], ps + c, pw + c, pt + c, ref sums);
        source.Fill(g[pos..]);
        ref double rg = ref MemoryMarshal.GetReference(g), rs = ref MemoryMarshal.GetReference(s);
        ref double rw = ref MemoryMarshal.GetReference(w), rt = ref MemoryMarshal.GetReference(t);
        for (; pos + 8 <= vectorEnd; pos += 8)
        {
            Vector256<double> g0 = Load(ref rg, pos), g1 = Load(ref rg, pos + 4);
            sums.ZA = Vector256.FusedMultiplyAdd(g0, Load(ref rs, pos) * Load(ref rw, pos), sums.ZA);
            sums.ZB = Vector256.FusedMultiplyAdd(g1, Load(ref rs, pos + 4) * Load(ref rw, pos + 4), sums.ZB);
            sums.YA = Vector256.FusedMultiplyAdd(g0, Load(ref rt, pos), sums.YA);
            sums.YB = Vector256.FusedMultiplyAdd(g1, Load(ref rt, pos + 4), sums.YB);
        }
        Span<double> rotated = lanes[..16]; // z lanes, then z* lanes, in the rotated order
        sums.ZA.CopyTo(rotated);
        sums.ZB.CopyTo(rotated[4..]);
        sums.YA.CopyTo(rotated[8..]);
        sums.YB.CopyTo(rotated[12..]);
        for (; pos < vectorEnd; pos++)
        {
            int lane = (pos - c) & 7;
            rotated[lane] = Math.FusedMultiplyAdd(g[pos], s[pos] * w[pos], rotated[lane]);
            rotated[8 + lane] = Math.FusedMultiplyAdd(g[pos], t[pos], rotated[8 + lane]);
        }
        Span<double> plain = lanes[16..]; // back to lane i mod 8
        for (int j = 0; j < 8; j++)
        {
            plain[j] = rotated[(j - c) & 7];
            plain[8 + j] = rotated[8 + ((j - c) & 7)];
        }
        z = FixedOrderSum.Of(Vector256.Create<double>(plain[..4]), Vector256.Create<double>(plain.Slice(4, 4)));
        zStar = FixedOrderSum.Of(Vector256.Create<double>(plain.Slice(8, 4)), Vector256.Create<double>(plain.Slice(12, 4)));
        for (int i = vectorEnd; i < d; i++)
        {
            z = Math.FusedMultiplyAdd(g[i], s[i] * w[i], z);
            zStar = Math.FusedMultiplyAdd(g[i], t[i], zStar);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load(ref double x, int i) => Vector256.LoadUnsafe(ref x, (nuint)i);
}
