using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static FastPR.Core.ZigguratTables;

namespace FastPR.Core;

/// <summary>
/// The running sums of a fused draw (<see cref="ZigguratLanes.FillDoubleProjecting256"/>): z = Σ g_i·(s_i·w_i) and
/// z* = Σ g_i·t_i, each in eight lanes (two registers) as <see cref="ExplicitKernels.Project"/> keeps them.
/// </summary>
internal struct ProjectionSums
{
    public Vector256<double> ZA, ZB, YA, YB;
}

internal static unsafe partial class ZigguratLanes
{
    /// <summary>Whether <see cref="FillDoubleProjecting256"/> keeps its sixteen state registers in registers (AVX-512 VL).</summary>
    public static bool ProjectingIsFast => Vector256IsSupported && System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported;

    /// <summary>
    /// <see cref="FillDouble256"/> over all sixteen lanes at once, adding each batch's normals into <paramref name="sums"/>
    /// while they are in registers: normal j of the batches (16b + L) goes into lane j mod 8 of ZA/ZB (times s_j·w_j) and
    /// YA/YB (times t_j), in index order. Stops after the first batch with a slot off the fast path and returns its index
    /// (that batch is stored as <see cref="FillDouble256"/> leaves it, with its mask in <paramref name="rejected"/>, and is
    /// not added); returns <paramref name="batches"/> when all were added. The loop makes no call, so the JIT keeps the
    /// sixteen state registers in registers (with AVX-512's 32; elsewhere it spills, which is correct but slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int FillDoubleProjecting256(ulong* s, double* destination, int batches, double* scale, double* w, double* t,
        ref ProjectionSums sums, out uint rejected)
    {
        ulong* table = (ulong*)Address(W);
        Load(s, 0, out Vector256<ulong> a0, out var a1, out var a2, out var a3);
        Load(s, 4, out Vector256<ulong> b0, out var b1, out var b2, out var b3);
        Load(s, 8, out Vector256<ulong> c0, out var c1, out var c2, out var c3);
        Load(s, 12, out Vector256<ulong> e0, out var e1, out var e2, out var e3);
        Vector256<double> zA = sums.ZA, zB = sums.ZB, yA = sums.YA, yB = sums.YB;
        uint mask = 0;
        int b = 0;
        for (; b < batches; b++)
        {
            double* batch = destination + b * Count;
            mask = MapDouble(Next(ref a0, ref a1, ref a2, ref a3), table, batch, out Vector256<double> g0)
                | (MapDouble(Next(ref b0, ref b1, ref b2, ref b3), table, batch + 4, out Vector256<double> g1) << 4)
                | (MapDouble(Next(ref c0, ref c1, ref c2, ref c3), table, batch + 8, out Vector256<double> g2) << 8)
                | (MapDouble(Next(ref e0, ref e1, ref e2, ref e3), table, batch + 12, out Vector256<double> g3) << 12);
            if (mask != 0) break;
            int i = b * Count;
            zA = Vector256.FusedMultiplyAdd(g0, Vector256.Load(scale + i) * Vector256.Load(w + i), zA);
            zB = Vector256.FusedMultiplyAdd(g1, Vector256.Load(scale + i + 4) * Vector256.Load(w + i + 4), zB);
            yA = Vector256.FusedMultiplyAdd(g0, Vector256.Load(t + i), yA);
            yB = Vector256.FusedMultiplyAdd(g1, Vector256.Load(t + i + 4), yB);
            zA = Vector256.FusedMultiplyAdd(g2, Vector256.Load(scale + i + 8) * Vector256.Load(w + i + 8), zA);
            zB = Vector256.FusedMultiplyAdd(g3, Vector256.Load(scale + i + 12) * Vector256.Load(w + i + 12), zB);
            yA = Vector256.FusedMultiplyAdd(g2, Vector256.Load(t + i + 8), yA);
            yB = Vector256.FusedMultiplyAdd(g3, Vector256.Load(t + i + 12), yB);
        }
        Store(s, 0, a0, a1, a2, a3);
        Store(s, 4, b0, b1, b2, b3);
        Store(s, 8, c0, c1, c2, c3);
        Store(s, 12, e0, e1, e2, e3);
        sums.ZA = zA;
        sums.ZB = zB;
        sums.YA = yA;
        sums.YB = yB;
        rejected = mask;
        return b;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int TmpGen16(ulong* s, double* destination, int batches)
    {
        ulong* table = (ulong*)Address(W);
        Load(s, 0, out Vector256<ulong> a0, out var a1, out var a2, out var a3);
        Load(s, 4, out Vector256<ulong> b0, out var b1, out var b2, out var b3);
        Load(s, 8, out Vector256<ulong> c0, out var c1, out var c2, out var c3);
        Load(s, 12, out Vector256<ulong> e0, out var e1, out var e2, out var e3);
        uint mask = 0;
        int b = 0;
        for (; b < batches; b++)
        {
            double* batch = destination + b * Count;
            mask |= MapDouble(Next(ref a0, ref a1, ref a2, ref a3), table, batch, out Vector256<double> g0)
                | (MapDouble(Next(ref b0, ref b1, ref b2, ref b3), table, batch + 4, out Vector256<double> g1) << 4)
                | (MapDouble(Next(ref c0, ref c1, ref c2, ref c3), table, batch + 8, out Vector256<double> g2) << 8)
                | (MapDouble(Next(ref e0, ref e1, ref e2, ref e3), table, batch + 12, out Vector256<double> g3) << 12);
        }
        Store(s, 0, a0, a1, a2, a3);
        Store(s, 4, b0, b1, b2, b3);
        Store(s, 8, c0, c1, c2, c3);
        Store(s, 12, e0, e1, e2, e3);
        return (int)mask;
    }

    /// <summary>Adds one stored batch into <paramref name="sums"/> as <see cref="FillDoubleProjecting256"/> would have.</summary>
    public static void AddBatch(double* g, double* scale, double* w, double* t, ref ProjectionSums sums)
    {
        for (int h = 0; h < Count; h += 8)
        {
            sums.ZA = Vector256.FusedMultiplyAdd(Vector256.Load(g + h), Vector256.Load(scale + h) * Vector256.Load(w + h), sums.ZA);
            sums.ZB = Vector256.FusedMultiplyAdd(Vector256.Load(g + h + 4), Vector256.Load(scale + h + 4) * Vector256.Load(w + h + 4), sums.ZB);
            sums.YA = Vector256.FusedMultiplyAdd(Vector256.Load(g + h), Vector256.Load(t + h), sums.YA);
            sums.YB = Vector256.FusedMultiplyAdd(Vector256.Load(g + h + 4), Vector256.Load(t + h + 4), sums.YB);
        }
    }

    /// <summary>The 256-bit MapDouble, also returning what it stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MapDouble(Vector256<ulong> w, ulong* table, double* destination, out Vector256<double> stored)
    {
        Vector256<ulong> entry = System.Runtime.Intrinsics.X86.Avx2.GatherVector256(table, (w & Vector256.Create(LayerMask)).AsInt64(), 8);
        Vector256<ulong> u = w >>> 12;
        Vector256<double> uniform = (u | Vector256.Create(OneBits)).AsDouble() - Vector256<double>.One; // U·2^−52, exact
        Vector256<ulong> value = (uniform * entry.AsDouble()).AsUInt64() ^ ((w << 53) & Vector256.Create(SignBit));
        Vector256<ulong> rejected = Vector256.GreaterThanOrEqual((u >>> 40).AsInt64(), (entry & Vector256.Create(BoundMask)).AsInt64()).AsUInt64();
        stored = Vector256.ConditionalSelect(rejected, w, value).AsDouble();
        stored.Store(destination);
        return rejected.ExtractMostSignificantBits();
    }
}
