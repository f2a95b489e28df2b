using System.Runtime.CompilerServices;

namespace FastPR.Core;

/// <summary>
/// The kernel of <see cref="SimdGaussianSource"/>: for pair indices p … p + Count − 1 (one per lane) it computes the
/// Philox4x32-10 block at counter p, turns its two 64-bit words into 53-bit uniforms u1 ∈ (0, 1] and u2 ∈ [0, 1),
/// and writes the Box–Muller normals (√(−2 ln u1)·cos 2πu2, √(−2 ln u1)·sin 2πu2) interleaved, exactly as
/// <see cref="ManagedGaussianSource"/> maps blocks to samples.
/// <para>
/// ln and sin/cos are FastPR's own (<see cref="LaneMath"/>) so that every width and platform runs the same IEEE operations:
/// <list type="bullet">
/// <item>ln u1 by <see cref="LaneMath.Log{T}"/> (below 1 ulp).</item>
/// <item>2πu2 = (π/2)(k + r) with k = round(4u2) and r ∈ [−½, ½] computed exactly in integers from the 53-bit word,
/// so there is no rounding in the argument reduction; sin(πr/2) and cos(πr/2) by <see cref="LaneMath.SinCosHalfPi{T}"/>,
/// then rotated by the quadrant k mod 4.</item>
/// </list>
/// </para>
/// </summary>
internal static class PhiloxBoxMuller
{
    private const uint M0 = 0xD251_1F53, M1 = 0xCD9E_8D57;
    private const uint W0 = 0x9E37_79B9, W1 = 0xBB67_AE85;
    private const ulong Low32 = 0xFFFF_FFFF;
    private const double TwoPowMinus53 = 1.0 / (1UL << 53);
    private const double TwoPowMinus51 = 1.0 / (1UL << 51);

    /// <summary>Writes 2·T.Count normals for the pairs starting at <paramref name="firstPair"/> into <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Generate<T>(ulong firstPair, ulong key, Span<double> destination) where T : struct, ILanes<T>
    {
        var (x1, x2) = Philox<T>(firstPair, key);
        T u1 = T.FMultiply(T.ConvertToDouble(x1 + T.Broadcast(1UL)), T.Broadcast(TwoPowMinus53)); // (0, 1]: ln is finite
        T radius = T.FSqrt(T.FMultiply(T.Broadcast(-2.0), Log(u1)));
        var (sin, cos) = SinCosTwoPi(x2);
        T.StoreInterleaved(T.FMultiply(radius, cos), T.FMultiply(radius, sin), destination);
    }

    // Philox, Log and SinCosTwoPi are kept out of line: inlined together they exceed the JIT's inlining budget for one
    // method, and the lane operations left as calls would cost far more than these three calls.
    // All four skip tiering (AggressiveOptimization): unoptimised, every lane operation is a call, ~100× slower, and a
    // busy process can postpone the tier-up for seconds.

    /// <summary>The 53 high bits of the two 64-bit words of the Philox4x32-10 block at counters firstPair + lane.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static (T X1, T X2) Philox<T>(ulong firstPair, ulong key) where T : struct, ILanes<T>
    {
        // Each 32-bit word lives in the low half of a 64-bit lane. The upper halves carry garbage that never reaches a
        // low half: MultiplyLow32 ignores them and the final words are masked or shifted out.
        T counter = T.Sequence(firstPair);
        T c0 = counter, c1 = counter >>> 32, c2 = T.Broadcast(0UL), c3 = c2;
        T m0 = T.Broadcast((ulong)M0), m1 = T.Broadcast((ulong)M1);
        uint k0 = (uint)key, k1 = (uint)(key >> 32);
        for (int round = 0; round < 10; round++)
        {
            T p0 = T.MultiplyLow32(c0, m0);
            T p1 = T.MultiplyLow32(c2, m1);
            c0 = T.Xor3(p1 >>> 32, c1, T.Broadcast((ulong)k0));
            c2 = T.Xor3(p0 >>> 32, c3, T.Broadcast((ulong)k1));
            c1 = p1;
            c3 = p0;
            k0 += W0;
            k1 += W1;
        }
        T low32 = T.Broadcast(Low32);
        return (((c0 & low32) | (c1 << 32)) >>> 11, ((c2 & low32) | (c3 << 32)) >>> 11);
    }

    /// <summary>ln u for u ∈ [2^−53, 1], by <see cref="LaneMath.Log{T}"/> (kept out of line, see above).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Log<T>(T u) where T : struct, ILanes<T> => LaneMath.Log(u);

    /// <summary>sin and cos of 2π·x/2^53 for integers 0 ≤ x &lt; 2^53.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static (T Sin, T Cos) SinCosTwoPi<T>(T x) where T : struct, ILanes<T>
    {
        // 2π·x/2^53 = (π/2)·(x/2^51) = (π/2)·(k + r), k = round(x/2^51) ∈ {0…4}, r ∈ [−½, ½).
        T quadrant = (x + T.Broadcast(1UL << 50)) >>> 51;
        T remainder = x - (quadrant << 51) + T.Broadcast(1UL << 51);       // r·2^51 + 2^51 ∈ [2^50, 3·2^50)
        T r = T.FSubtract(T.FMultiply(T.ConvertToDouble(remainder), T.Broadcast(TwoPowMinus51)), T.Broadcast(1.0));
        var (sinR, cosR) = LaneMath.SinCosHalfPi(r);                       // sin(πr/2), cos(πr/2)

        // Rotate by k quarter turns: odd k swaps sin and cos; k mod 4 ∈ {2, 3} negates sin, k mod 4 ∈ {1, 2} negates cos.
        T one = T.Broadcast(1UL), two = T.Broadcast(2UL);
        T swap = T.Broadcast(0UL) - (quadrant & one);
        T sin = T.Select(swap, cosR, sinR) ^ ((quadrant & two) << 62);
        T cos = T.Select(swap, sinR, cosR) ^ (((quadrant + one) & two) << 62);
        return (sin, cos);
    }
}
