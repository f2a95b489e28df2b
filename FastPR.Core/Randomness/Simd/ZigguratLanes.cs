using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using static FastPR.Core.ZigguratTables;

namespace FastPR.Core;

/// <summary>
/// The kernels of <see cref="ZigguratGaussianSource"/>: <see cref="Count"/> xoshiro256++ lanes, each turning its words into
/// normals by the 1024-layer ziggurat of <see cref="ZigguratTables"/>. A batch takes one word from every lane:
/// <list type="bullet">
/// <item>double: normal 16b + L is lane L's b-th word w: layer i = w &amp; 1023, sign = bit 10, U = w ≫ 12 (52 bits),
/// x = U·2^−52·W_i, accepted when ⌊U/2^40⌋ &lt; K_i;</item>
/// <item>float: the low and high 32-bit halves h of that word give normals 32b + 2L and 32b + 2L + 1: i = h &amp; 1023,
/// sign = bit 10, U = h ≫ 11 (21 bits), x = U·2^−21·W_i in double, rounded to float.</item>
/// </list>
/// <para>
/// A draw that misses the fast path (0.44%) is finished by <see cref="SlowDouble"/> or <see cref="SlowSingle"/>, which take
/// any further randomness from a second xoshiro256++ state of the same lane (the fallback stream), never from the main one.
/// So the vector loops never branch: they leave the raw word in the rejected slot and a bit in a mask, and a scalar pass
/// afterwards resolves the slots in order. Lanes never interact and every fast-path operation is exact or one correctly
/// rounded IEEE operation, so the 512-, 256-, 128-bit and scalar paths give bit-identical streams.
/// </para>
/// Every kernel skips tiering (AggressiveOptimization): unoptimised vector code is ~100× slower. The loops are also never
/// inlined (NoInlining): a tier-1 caller that inlined one ran out of inlining budget and called MapDouble, Next and Store
/// out of line, with the vectors passed through memory (1.45 against 1.0 ns per normal under BenchmarkDotNet).
/// </summary>
internal static unsafe class ZigguratLanes
{
    /// <summary>Number of independent xoshiro256++ lanes (fixed, so the stream does not depend on the vector width).</summary>
    public const int Count = 16;

    /// <summary>Doubles per batch.</summary>
    public const int DoublesPerBatch = Count;

    /// <summary>Floats per batch.</summary>
    public const int SinglesPerBatch = 2 * Count;

    private const ulong LayerMask = Layers - 1;
    private const ulong BoundMask = (1UL << BoundBits) - 1;
    private const ulong OneBits = 0x3FF0_0000_0000_0000;
    private const ulong SignBit = 1UL << 63;
    private const double TwoPowMinus52 = 1.0 / (1L << 52);
    private const double TwoPowMinus53 = 1.0 / (1L << 53);
    private const double TwoPowMinus21 = 1.0 / (1 << 21);

    // ---------------------------------------------------------------- scalar

    /// <summary>The portable path and the yardstick: lane by lane, word by word, each fallback at once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void FillDoubleScalar(Span<ulong> state, Span<ulong> fallback, Span<double> destination, int batches)
    {
        for (int b = 0; b < batches; b++)
        {
            for (int lane = 0; lane < Count; lane++)
            {
                ulong w = Xoshiro256.Next(state, lane);
                ulong u = w >> 12;
                int i = (int)(w & LayerMask);
                destination[b * Count + lane] = (long)(u >> 40) < Bound(i) ? Signed(u * TwoPowMinus52 * W[i], w) : SlowDouble(fallback, lane, w);
            }
        }
    }

    /// <summary>Float version of <see cref="FillDoubleScalar"/>: low half, then high half of each lane's word.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void FillSingleScalar(Span<ulong> state, Span<ulong> fallback, Span<float> destination, int batches)
    {
        for (int b = 0; b < batches; b++)
        {
            for (int lane = 0; lane < Count; lane++)
            {
                ulong w = Xoshiro256.Next(state, lane);
                int at = b * SinglesPerBatch + 2 * lane;
                destination[at] = Single(fallback, lane, (uint)w);
                destination[at + 1] = Single(fallback, lane, (uint)(w >> 32));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Single(Span<ulong> fallback, int lane, uint h)
    {
        int i = (int)(h & LayerMask);
        return (h >> 20) < Bound(i) ? (float)Signed((h >> 11) * TwoPowMinus21 * W[i], h) : SlowSingle(fallback, lane, h);
    }

    // ---------------------------------------------------------------- fallback

    /// <summary>
    /// The normal whose first word was <paramref name="w"/>: accepted if inside layer i's inner rectangle (the fast path's
    /// bound is coarser), else the tail (layer 0) or the wedge test; on rejection a new attempt from the fallback stream.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SlowDouble(Span<ulong> fallback, int lane, ulong w)
    {
        while (true)
        {
            int i = (int)(w & LayerMask);
            double x = (w >> 12) * TwoPowMinus52 * W[i]; // the fast path's value, bit for bit
            if (Accept(fallback, lane, i, x, out double normal)) return Signed(normal, w);
            w = Xoshiro256.Next(fallback, lane);
        }
    }

    /// <summary>Float version of <see cref="SlowDouble"/>; a new attempt uses the low half of the fallback stream's next word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SlowSingle(Span<ulong> fallback, int lane, uint h)
    {
        while (true)
        {
            int i = (int)(h & LayerMask);
            double x = (h >> 11) * TwoPowMinus21 * W[i];
            if (Accept(fallback, lane, i, x, out double normal)) return (float)Signed(normal, h);
            h = (uint)Xoshiro256.Next(fallback, lane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Accept(Span<ulong> fallback, int lane, int i, double x, out double normal)
    {
        normal = x;
        if (x < X[i + 1]) return true;
        if (i == 0)
        {
            normal = R + Tail(fallback, lane);
            return true;
        }
        double y = F[i] + Uniform(fallback, lane) * (F[i + 1] - F[i]);
        int quick = WedgeBounds(i, x, y);
        return quick != 0 ? quick > 0 : y < Density(x);
    }

    /// <summary>
    /// Below any tangent (f convex, x ≥ 1) or the chord (f concave, x ≤ 1) of a layer lies under the curve; above the chord
    /// (convex) or the tangent at x_i (concave) lies over it. So a wedge point (x, y) of layer i ≥ 1 clear of both lines by
    /// <see cref="WedgeMargin"/> is decided without the exp: +1 accept, −1 reject, 0 when the exp must decide (between the
    /// lines, in the layer that straddles x = 1, or for x past x_i, which W_i's low bits allow). The margin is a thousand
    /// times the rounding of either side, so the answer is the one the exp would give: the stream keeps its bits, and
    /// 93% of wedge tests (uniform points, weighted by the wedges' areas) skip the exp.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int WedgeBounds(int i, double x, double y)
    {
        double outer = X[i], inner = X[i + 1];
        bool convex = inner >= 1;
        if (x > outer || !(convex || outer <= 1)) return 0;
        double chord = F[i] + (F[i + 1] - F[i]) * ((outer - x) / (outer - inner));
        double tangent = F[i] * (1 + outer * (outer - x)); // f(x_i) + f′(x_i)(x − x_i), f′ = −x·f
        double below = convex ? tangent : chord, above = convex ? chord : tangent;
        if (y < below - WedgeMargin) return 1;
        if (y > above + WedgeMargin) return -1;
        return 0;
    }

    /// <summary>Absolute slack of <see cref="WedgeBounds"/>: the heights are at most 1 and both sides round to about 1e-16.</summary>
    private const double WedgeMargin = 1e-13;

    /// <summary>Marsaglia's tail method: a = −ln(u1)/r, b = −ln(u2) until 2b ≥ a²; then r + a ~ the normal beyond r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Tail(Span<ulong> fallback, int lane)
    {
        while (true)
        {
            double a = -DeterministicMath.Log(OpenUniform(fallback, lane)) / R;
            double b = -DeterministicMath.Log(OpenUniform(fallback, lane));
            if (b + b >= a * a) return a;
        }
    }

    private static double Uniform(Span<ulong> fallback, int lane) => (Xoshiro256.Next(fallback, lane) >> 11) * TwoPowMinus53;

    private static double OpenUniform(Span<ulong> fallback, int lane) => ((Xoshiro256.Next(fallback, lane) >> 11) + 1) * TwoPowMinus53;

    /// <summary>x with the sign of bit 10 of the word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Signed(double x, ulong w) => BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(x) ^ ((w << 53) & SignBit));

    /// <summary>Replaces the slots the vector loop marked (bit L of masks[b]: lane L of batch b, holding its raw word).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ResolveDoubles(Span<ulong> fallback, double* destination, uint* masks, int batches)
    {
        for (int b = 0; b < batches; b++)
        {
            for (uint rejected = masks[b]; rejected != 0; rejected &= rejected - 1)
            {
                int lane = BitOperations.TrailingZeroCount(rejected);
                double* slot = destination + b * Count + lane;
                *slot = SlowDouble(fallback, lane, BitConverter.DoubleToUInt64Bits(*slot));
            }
        }
    }

    /// <summary>Float version: bit j of masks[b] is normal j of batch b, the half j mod 2 of lane j/2's word.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ResolveSingles(Span<ulong> fallback, float* destination, uint* masks, int batches)
    {
        for (int b = 0; b < batches; b++)
        {
            for (uint rejected = masks[b]; rejected != 0; rejected &= rejected - 1)
            {
                int j = BitOperations.TrailingZeroCount(rejected);
                float* slot = destination + b * SinglesPerBatch + j;
                *slot = SlowSingle(fallback, j >> 1, BitConverter.SingleToUInt32Bits(*slot));
            }
        }
    }

    // ---------------------------------------------------------------- 128-bit (NEON, SSE2)

    /// <summary>Whether the 128-bit path runs natively: NEON on ARM64, SSE2 on x86-64 (no gather: the table is read lane by lane).</summary>
    public static bool Vector128IsSupported => Vector128.IsHardwareAccelerated && (AdvSimd.Arm64.IsSupported || Sse2.IsSupported);

    /// <summary>
    /// Four lanes (two registers) through all batches, then the next four: the state of four lanes is eight registers, which
    /// leaves room for the temporaries in SSE2's sixteen (NEON has thirty-two). Call <see cref="ResolveDoubles"/> afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void FillDouble128(ulong* s, double* destination, uint* masks, int batches)
    {
        ulong* table = (ulong*)Address(W);
        for (int group = 0; group < Count; group += 4)
        {
            Load(s, group, out Vector128<ulong> a0, out var a1, out var a2, out var a3);
            Load(s, group + 2, out Vector128<ulong> b0, out var b1, out var b2, out var b3);
            for (int b = 0; b < batches; b++)
            {
                var ra = Next(ref a0, ref a1, ref a2, ref a3);
                var rb = Next(ref b0, ref b1, ref b2, ref b3);
                double* batch = destination + b * Count + group;
                uint rejected = (MapDouble(ra, table, batch) | (MapDouble(rb, table, batch + 2) << 2)) << group;
                masks[b] = group == 0 ? rejected : masks[b] | rejected;
            }
            Store(s, group, a0, a1, a2, a3);
            Store(s, group + 2, b0, b1, b2, b3);
        }
    }

    /// <summary>Float version of <see cref="FillDouble128"/>; call <see cref="ResolveSingles"/> afterwards.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void FillSingle128(ulong* s, float* destination, uint* masks, int batches)
    {
        ulong* table = (ulong*)Address(W);
        for (int group = 0; group < Count; group += 4)
        {
            Load(s, group, out Vector128<ulong> a0, out var a1, out var a2, out var a3);
            Load(s, group + 2, out Vector128<ulong> b0, out var b1, out var b2, out var b3);
            for (int b = 0; b < batches; b++)
            {
                var ra = Next(ref a0, ref a1, ref a2, ref a3);
                var rb = Next(ref b0, ref b1, ref b2, ref b3);
                float* batch = destination + b * SinglesPerBatch + 2 * group;
                uint rejected = (MapSingle(ra, table, batch) | (MapSingle(rb, table, batch + 4) << 4)) << (2 * group);
                masks[b] = group == 0 ? rejected : masks[b] | rejected;
            }
            Store(s, group, a0, a1, a2, a3);
            Store(s, group + 2, b0, b1, b2, b3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Next(ref Vector128<ulong> s0, ref Vector128<ulong> s1, ref Vector128<ulong> s2, ref Vector128<ulong> s3)
    {
        Vector128<ulong> result = RotateLeft(s0 + s3, 23) + s0;
        Vector128<ulong> t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> RotateLeft(Vector128<ulong> value, [ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, count) : (value << count) | (value >>> (64 - count));

    /// <summary>The table entries at the two lanes' indices (no 128-bit gather on NEON or SSE2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Gather(ulong* table, Vector128<ulong> index) => Vector128.Create(table[index.GetElement(0)], table[index.GetElement(1)]);

    /// <summary>Stores two doubles (or, where rejected, the raw words) and returns the 2-bit rejection mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MapDouble(Vector128<ulong> w, ulong* table, double* destination)
    {
        Vector128<ulong> entry = Gather(table, w & Vector128.Create(LayerMask));
        Vector128<ulong> u = w >>> 12;
        Vector128<double> uniform = (u | Vector128.Create(OneBits)).AsDouble() - Vector128<double>.One; // U·2^−52, exact
        Vector128<ulong> value = (uniform * entry.AsDouble()).AsUInt64() ^ ((w << 53) & Vector128.Create(SignBit));
        Vector128<ulong> rejected = Vector128.GreaterThanOrEqual((u >>> 40).AsInt64(), (entry & Vector128.Create(BoundMask)).AsInt64()).AsUInt64();
        Vector128.ConditionalSelect(rejected, w, value).AsDouble().Store(destination);
        return rejected.ExtractMostSignificantBits();
    }

    /// <summary>The four floats of two words (low half, high half per word) or the raw halves; returns the 4-bit mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MapSingle(Vector128<ulong> w, ulong* table, float* destination)
    {
        var (low, lowEntry) = HalfValue(w & Vector128.Create(0xFFFF_FFFFUL), table);
        var (high, highEntry) = HalfValue(w >>> 32, table);
        // l0 h0 l1 h1, each double rounded to float once (as the other paths' conversions do).
        Vector128<float> values = Vector128.Narrow(Interleave(low, high, upper: false), Interleave(low, high, upper: true));
        Vector128<int> bound = ((lowEntry & Vector128.Create(BoundMask)) | ((highEntry & Vector128.Create(BoundMask)) << 32)).AsInt32();
        Vector128<uint> halves = w.AsUInt32();
        Vector128<int> rejected = Vector128.GreaterThanOrEqual((halves >>> 20).AsInt32(), bound);
        Vector128.ConditionalSelect(rejected.AsSingle(), halves.AsSingle(), values).Store(destination);
        return rejected.ExtractMostSignificantBits();
    }

    /// <summary>(a0, b0) or, when <paramref name="upper"/>, (a1, b1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Interleave(Vector128<double> a, Vector128<double> b, bool upper)
    {
        if (AdvSimd.Arm64.IsSupported) return upper ? AdvSimd.Arm64.ZipHigh(a, b) : AdvSimd.Arm64.ZipLow(a, b);
        if (Sse2.IsSupported) return upper ? Sse2.UnpackHigh(a, b) : Sse2.UnpackLow(a, b);
        return upper ? Vector128.Create(a.GetElement(1), b.GetElement(1)) : Vector128.Create(a.GetElement(0), b.GetElement(0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<double> Value, Vector128<ulong> Entry) HalfValue(Vector128<ulong> h, ulong* table)
    {
        Vector128<ulong> entry = Gather(table, h & Vector128.Create(LayerMask));
        Vector128<double> uniform = (((h >>> 11) << 31) | Vector128.Create(OneBits)).AsDouble() - Vector128<double>.One; // U·2^−21
        Vector128<ulong> value = (uniform * entry.AsDouble()).AsUInt64() ^ ((h << 53) & Vector128.Create(SignBit));
        return (value.AsDouble(), entry);
    }

    private static void Store(ulong* s, int lane, Vector128<ulong> s0, Vector128<ulong> s1, Vector128<ulong> s2, Vector128<ulong> s3)
    {
        s0.Store(s + lane);
        s1.Store(s + Count + lane);
        s2.Store(s + 2 * Count + lane);
        s3.Store(s + 3 * Count + lane);
    }

    private static void Load(ulong* s, int lane, out Vector128<ulong> s0, out Vector128<ulong> s1, out Vector128<ulong> s2, out Vector128<ulong> s3)
    {
        s0 = Vector128.Load(s + lane);
        s1 = Vector128.Load(s + Count + lane);
        s2 = Vector128.Load(s + 2 * Count + lane);
        s3 = Vector128.Load(s + 3 * Count + lane);
    }

    // ---------------------------------------------------------------- 256-bit (AVX2)

    /// <summary>Whether the 256-bit path runs natively (AVX2 gathers).</summary>
    public static bool Vector256IsSupported => Vector256.IsHardwareAccelerated && Avx2.IsSupported;

    /// <summary>
    /// Eight lanes (two registers) through all batches, then the other eight: sixteen state registers would not fit AVX2's
    /// sixteen ymm registers next to the temporaries. Marks rejected slots in <paramref name="masks"/>; call
    /// <see cref="ResolveDoubles"/> afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void FillDouble256(ulong* s, double* destination, uint* masks, int batches)
    {
        ulong* table = (ulong*)Address(W);
        for (int group = 0; group < Count; group += 8)
        {
            Load(s, group, out Vector256<ulong> a0, out var a1, out var a2, out var a3);
            Load(s, group + 4, out Vector256<ulong> b0, out var b1, out var b2, out var b3);
            for (int b = 0; b < batches; b++)
            {
                var ra = Next(ref a0, ref a1, ref a2, ref a3);
                var rb = Next(ref b0, ref b1, ref b2, ref b3);
                double* batch = destination + b * Count + group;
                uint rejected = MapDouble(ra, table, batch) | (MapDouble(rb, table, batch + 4) << 4);
                masks[b] = group == 0 ? rejected : masks[b] | (rejected << 8);
            }
            Store(s, group, a0, a1, a2, a3);
            Store(s, group + 4, b0, b1, b2, b3);
        }
    }

    /// <summary>Float version of <see cref="FillDouble256"/>; call <see cref="ResolveSingles"/> afterwards.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void FillSingle256(ulong* s, float* destination, uint* masks, int batches)
    {
        ulong* table = (ulong*)Address(W);
        for (int group = 0; group < Count; group += 8)
        {
            Load(s, group, out Vector256<ulong> a0, out var a1, out var a2, out var a3);
            Load(s, group + 4, out Vector256<ulong> b0, out var b1, out var b2, out var b3);
            for (int b = 0; b < batches; b++)
            {
                var ra = Next(ref a0, ref a1, ref a2, ref a3);
                var rb = Next(ref b0, ref b1, ref b2, ref b3);
                float* batch = destination + b * SinglesPerBatch + 2 * group;
                uint rejected = MapSingle(ra, table, batch) | (MapSingle(rb, table, batch + 8) << 8);
                masks[b] = group == 0 ? rejected : masks[b] | (rejected << 16);
            }
            Store(s, group, a0, a1, a2, a3);
            Store(s, group + 4, b0, b1, b2, b3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Next(ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        Vector256<ulong> result = RotateLeft(s0 + s3, 23) + s0;
        Vector256<ulong> t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> RotateLeft(Vector256<ulong> value, [ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, count) : (value << count) | (value >>> (64 - count));

    /// <summary>Stores four doubles (or, where rejected, the raw words) and returns the 4-bit rejection mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MapDouble(Vector256<ulong> w, ulong* table, double* destination)
    {
        Vector256<ulong> entry = Avx2.GatherVector256(table, (w & Vector256.Create(LayerMask)).AsInt64(), 8);
        Vector256<ulong> u = w >>> 12;
        Vector256<double> uniform = (u | Vector256.Create(OneBits)).AsDouble() - Vector256<double>.One; // U·2^−52, exact
        Vector256<ulong> value = (uniform * entry.AsDouble()).AsUInt64() ^ ((w << 53) & Vector256.Create(SignBit));
        Vector256<ulong> rejected = Vector256.GreaterThanOrEqual((u >>> 40).AsInt64(), (entry & Vector256.Create(BoundMask)).AsInt64()).AsUInt64();
        Vector256.ConditionalSelect(rejected, w, value).AsDouble().Store(destination);
        return rejected.ExtractMostSignificantBits();
    }

    /// <summary>
    /// Stores the eight floats of four words (low half, high half per word) or, where rejected, the raw halves, and returns
    /// the 8-bit rejection mask in that order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MapSingle(Vector256<ulong> w, ulong* table, float* destination)
    {
        var (low, lowEntry) = HalfValue(w & Vector256.Create(0xFFFF_FFFFUL), table);
        var (high, highEntry) = HalfValue(w >>> 32, table);
        Vector128<float> lowF = Avx.ConvertToVector128Single(low), highF = Avx.ConvertToVector128Single(high);
        Vector256<float> values = Vector256.Create(Sse.UnpackLow(lowF, highF), Sse.UnpackHigh(lowF, highF));
        // Bounds in the same interleaved 32-bit layout as the halves: low dword from the low half's entry, high from the high's.
        Vector256<int> bound = ((lowEntry & Vector256.Create(BoundMask)) | ((highEntry & Vector256.Create(BoundMask)) << 32)).AsInt32();
        Vector256<uint> halves = w.AsUInt32();
        Vector256<int> rejected = Vector256.GreaterThanOrEqual((halves >>> 20).AsInt32(), bound);
        Vector256.ConditionalSelect(rejected.AsSingle(), halves.AsSingle(), values).Store(destination);
        return rejected.ExtractMostSignificantBits();
    }

    /// <summary>The signed double value of 32-bit halves held in 64-bit lanes, and their table entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Value, Vector256<ulong> Entry) HalfValue(Vector256<ulong> h, ulong* table)
    {
        Vector256<ulong> entry = Avx2.GatherVector256(table, (h & Vector256.Create(LayerMask)).AsInt64(), 8);
        Vector256<double> uniform = (((h >>> 11) << 31) | Vector256.Create(OneBits)).AsDouble() - Vector256<double>.One; // U·2^−21
        Vector256<ulong> value = (uniform * entry.AsDouble()).AsUInt64() ^ ((h << 53) & Vector256.Create(SignBit));
        return (value.AsDouble(), entry);
    }

    private static void Store(ulong* s, int lane, Vector256<ulong> s0, Vector256<ulong> s1, Vector256<ulong> s2, Vector256<ulong> s3)
    {
        s0.Store(s + lane);
        s1.Store(s + Count + lane);
        s2.Store(s + 2 * Count + lane);
        s3.Store(s + 3 * Count + lane);
    }

    private static void Load(ulong* s, int lane, out Vector256<ulong> s0, out Vector256<ulong> s1, out Vector256<ulong> s2, out Vector256<ulong> s3)
    {
        s0 = Vector256.Load(s + lane);
        s1 = Vector256.Load(s + Count + lane);
        s2 = Vector256.Load(s + 2 * Count + lane);
        s3 = Vector256.Load(s + 3 * Count + lane);
    }

    // ---------------------------------------------------------------- 512-bit (AVX-512 F)

    /// <summary>
    /// Whether the 512-bit path runs natively. .NET 10 exposes no 512-bit gather, so this path gathers in two 256-bit halves
    /// and measured 5–10% slower than the 256-bit path on AMD Zen 4; <see cref="ZigguratGaussianSource"/> therefore runs the
    /// 256-bit path wherever AVX2 exists, and this one only when asked (the streams are identical).
    /// </summary>
    public static bool Vector512IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Vector256IsSupported;

    /// <summary>All sixteen lanes in two 512-bit registers; call <see cref="ResolveDoubles"/> afterwards.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void FillDouble512(ulong* s, double* destination, uint* masks, int batches)
    {
        ulong* table = (ulong*)Address(W);
        Load(s, 0, out Vector512<ulong> a0, out var a1, out var a2, out var a3);
        Load(s, 8, out Vector512<ulong> b0, out var b1, out var b2, out var b3);
        for (int b = 0; b < batches; b++)
        {
            var ra = Next(ref a0, ref a1, ref a2, ref a3);
            var rb = Next(ref b0, ref b1, ref b2, ref b3);
            double* batch = destination + b * Count;
            masks[b] = MapDouble(ra, table, batch) | (MapDouble(rb, table, batch + 8) << 8);
        }
        Store(s, 0, a0, a1, a2, a3);
        Store(s, 8, b0, b1, b2, b3);
    }

    /// <summary>Float version of <see cref="FillDouble512"/>; call <see cref="ResolveSingles"/> afterwards.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void FillSingle512(ulong* s, float* destination, uint* masks, int batches)
    {
        ulong* table = (ulong*)Address(W);
        Load(s, 0, out Vector512<ulong> a0, out var a1, out var a2, out var a3);
        Load(s, 8, out Vector512<ulong> b0, out var b1, out var b2, out var b3);
        for (int b = 0; b < batches; b++)
        {
            var ra = Next(ref a0, ref a1, ref a2, ref a3);
            var rb = Next(ref b0, ref b1, ref b2, ref b3);
            float* batch = destination + b * SinglesPerBatch;
            masks[b] = MapSingle(ra, table, batch) | (MapSingle(rb, table, batch + 16) << 16);
        }
        Store(s, 0, a0, a1, a2, a3);
        Store(s, 8, b0, b1, b2, b3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Next(ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        Vector512<ulong> result = Avx512F.RotateLeft(s0 + s3, 23) + s0;
        Vector512<ulong> t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Avx512F.RotateLeft(s3, 45);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Gather(ulong* table, Vector512<ulong> index) =>
        Vector512.Create(Avx2.GatherVector256(table, index.GetLower().AsInt64(), 8), Avx2.GatherVector256(table, index.GetUpper().AsInt64(), 8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MapDouble(Vector512<ulong> w, ulong* table, double* destination)
    {
        Vector512<ulong> entry = Gather(table, w & Vector512.Create(LayerMask));
        Vector512<ulong> u = w >>> 12;
        Vector512<double> uniform = (u | Vector512.Create(OneBits)).AsDouble() - Vector512<double>.One;
        Vector512<ulong> value = (uniform * entry.AsDouble()).AsUInt64() ^ ((w << 53) & Vector512.Create(SignBit));
        Vector512<ulong> rejected = Vector512.GreaterThanOrEqual((u >>> 40).AsInt64(), (entry & Vector512.Create(BoundMask)).AsInt64()).AsUInt64();
        Vector512.ConditionalSelect(rejected, w, value).AsDouble().Store(destination);
        return (uint)rejected.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MapSingle(Vector512<ulong> w, ulong* table, float* destination)
    {
        var (low, lowEntry) = HalfValue(w & Vector512.Create(0xFFFF_FFFFUL), table);
        var (high, highEntry) = HalfValue(w >>> 32, table);
        Vector256<float> lowF = Avx512F.ConvertToVector256Single(low), highF = Avx512F.ConvertToVector256Single(high);
        Vector256<float> first = Avx.UnpackLow(lowF, highF), second = Avx.UnpackHigh(lowF, highF); // in-lane interleave
        Vector512<float> values = Vector512.Create(Avx.Permute2x128(first, second, 0x20), Avx.Permute2x128(first, second, 0x31));
        Vector512<int> bound = ((lowEntry & Vector512.Create(BoundMask)) | ((highEntry & Vector512.Create(BoundMask)) << 32)).AsInt32();
        Vector512<uint> halves = w.AsUInt32();
        Vector512<int> rejected = Vector512.GreaterThanOrEqual((halves >>> 20).AsInt32(), bound);
        Vector512.ConditionalSelect(rejected.AsSingle(), halves.AsSingle(), values).Store(destination);
        return (uint)rejected.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Value, Vector512<ulong> Entry) HalfValue(Vector512<ulong> h, ulong* table)
    {
        Vector512<ulong> entry = Gather(table, h & Vector512.Create(LayerMask));
        Vector512<double> uniform = (((h >>> 11) << 31) | Vector512.Create(OneBits)).AsDouble() - Vector512<double>.One;
        Vector512<ulong> value = (uniform * entry.AsDouble()).AsUInt64() ^ ((h << 53) & Vector512.Create(SignBit));
        return (value.AsDouble(), entry);
    }

    private static void Store(ulong* s, int lane, Vector512<ulong> s0, Vector512<ulong> s1, Vector512<ulong> s2, Vector512<ulong> s3)
    {
        s0.Store(s + lane);
        s1.Store(s + Count + lane);
        s2.Store(s + 2 * Count + lane);
        s3.Store(s + 3 * Count + lane);
    }

    private static void Load(ulong* s, int lane, out Vector512<ulong> s0, out Vector512<ulong> s1, out Vector512<ulong> s2, out Vector512<ulong> s3)
    {
        s0 = Vector512.Load(s + lane);
        s1 = Vector512.Load(s + Count + lane);
        s2 = Vector512.Load(s + 2 * Count + lane);
        s3 = Vector512.Load(s + 3 * Count + lane);
    }
}
