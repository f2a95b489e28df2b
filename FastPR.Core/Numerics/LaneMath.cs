using System.Runtime.CompilerServices;

namespace FastPR.Core;

/// <summary>
/// FastPR's one implementation of exp, ln and sin/cos, written once against <see cref="ILanes{TSelf}"/> so that the scalar
/// path (<see cref="DeterministicMath"/>) and every vector width run the same IEEE operations and give the same bits on
/// every platform. Only +, −, ×, ÷ (correctly rounded everywhere), exact integer and bit operations and selects are used;
/// exp and ln use no fused multiply-add at all, so no machine can contract them differently.
/// <para>
/// Accuracy (measured against a 200-bit reference in DeterministicMathTests): exp and ln are below 1 ulp over their whole
/// ranges, subnormals included; sin(πr/2), cos(πr/2) below 1.5 ulp.
/// </para>
/// </summary>
internal static class LaneMath
{
    private const ulong SignBit = 1UL << 63;
    private const ulong SqrtHalfBits = 0x3FE6_A09E_667F_3BCD;

    /// <summary>ln 2 with its low 32 mantissa bits cleared: k·Ln2Hi is exact for |k| &lt; 2^21.</summary>
    internal const double Ln2Hi = 0.6931467056274414;

    /// <summary>ln 2 − <see cref="Ln2Hi"/>, rounded (a test checks both against ln 2 to 120 bits).</summary>
    internal const double Ln2Lo = 4.7493250390316726e-07;

    private const double InvLn2 = 1.4426950408889634;
    private const double Shifter = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer held in the low mantissa bits
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double TwoPow54 = 18014398509481984.0;

    /// <summary>eˣ per lane: +∞ above ln(DBL_MAX), subnormal results rounded once, 0 below −745.14, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x) where T : struct, ILanes<T> => Exp(x, T.Broadcast(0.0));

    /// <summary>
    /// e^(x + tail) per lane for a tail far below ulp(x) (the low half of a double-double argument, as
    /// <see cref="DeterministicMath.Pow"/> passes), else as <see cref="Exp{T}(T)"/>.
    /// </summary>
    /// <remarks>
    /// x = k·ln 2 + r with k = round(x/ln 2) and |r| ≤ ln2/2; hi = x − k·Ln2Hi is exact (Sterbenz) and lo = k·Ln2Lo − tail;
    /// e^r = 1 + (hi − (lo − q)) with q = r²·Σ_{j=0}^{12} r^j/(j + 2)! (truncation &lt; 5e-18); then 2^k is applied as two
    /// exact powers of two, so an underflowing result is rounded once.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x, T tail) where T : struct, ILanes<T>
    {
        // Clamped so k stays within what the integer steps below handle; the clamp values still overflow and underflow.
        T clamped = T.Select(T.FLessThan(x, T.Broadcast(-746.0)), T.Broadcast(-746.0),
            T.Select(T.FLessThan(T.Broadcast(710.0), x), T.Broadcast(710.0), x));
        T t = T.FAdd(T.FMultiply(clamped, T.Broadcast(InvLn2)), T.Broadcast(Shifter));
        T kd = T.FSubtract(t, T.Broadcast(Shifter));
        T hi = T.FSubtract(clamped, T.FMultiply(kd, T.Broadcast(Ln2Hi)));
        T lo = T.FSubtract(T.FMultiply(kd, T.Broadcast(Ln2Lo)), tail);
        T r = T.FSubtract(hi, lo);

        T p = T.Broadcast(1.0 / 87178291200);                               // 1/14!
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 6227020800));      // 1/13!
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 479001600));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 39916800));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 3628800));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 362880));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 40320));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 5040));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 720));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 120));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 24));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(1.0 / 6));
        p = T.FAdd(T.FMultiply(p, r), T.Broadcast(0.5));
        T q = T.FMultiply(T.FMultiply(r, r), p);
        T y = T.FAdd(T.Broadcast(1.0), T.FSubtract(hi, T.FSubtract(lo, q)));

        // k + 2048 ∈ [972, 3072] from the shifter's low bits; 2^k = 2^k1·2^k2 with k1 = ⌊k/2⌋, both normal powers.
        T biasedK = t - T.Broadcast(BitConverter.DoubleToUInt64Bits(Shifter)) + T.Broadcast(2048UL);
        T half = biasedK >>> 1;                                              // k1 + 1024
        T scale1 = (half - T.Broadcast(1UL)) << 52;                          // 2^k1: biased exponent k1 + 1023
        T scale2 = (biasedK - half - T.Broadcast(1UL)) << 52;                // 2^k2: biased exponent k − k1 + 1023
        return T.FMultiply(T.FMultiply(y, scale1), scale2);
    }

    /// <summary>ln x per lane: −∞ at ±0, NaN below 0 and for NaN, +∞ at +∞; subnormals handled.</summary>
    /// <remarks>
    /// x = 2^k·m with m ∈ [√½, √2), f = m − 1 (exact), s = f/(2 + f), z = s²; ln m = f − (f²/2 − s·(f²/2 + R)) with
    /// R = Σ_{j=1}^{10} 2z^j/(2j + 1) (the atanh series; truncation &lt; 1e-18 relative), and ln x = k·Ln2Hi + (that + k·Ln2Lo).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log<T>(T x) where T : struct, ILanes<T>
    {
        T subnormal = T.FLessThan(x, T.Broadcast(SmallestNormal));
        T scaled = T.Select(subnormal, T.FMultiply(x, T.Broadcast(TwoPow54)), x);
        // m = scaled/2^k. Offsetting by 2^63 keeps the subtraction non-negative, so the shift is logical.
        T biasedK = (scaled + T.Broadcast(SignBit - SqrtHalfBits)) >>> 52;    // k + 2048
        T m = scaled + T.Broadcast(SignBit) - (biasedK << 52);
        T k = T.FSubtract(T.FSubtract(T.ConvertToDouble(biasedK), T.Broadcast(2048.0)),
            T.Select(subnormal, T.Broadcast(54.0), T.Broadcast(0.0)));
        T f = T.FSubtract(m, T.Broadcast(1.0));
        T s = T.FDivide(f, T.FAdd(T.Broadcast(2.0), f));
        T z = T.FMultiply(s, s);
        T p = T.Broadcast(2.0 / 21);
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 19));
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 17));
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 15));
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 13));
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 11));
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 9));
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 7));
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 5));
        p = T.FAdd(T.FMultiply(p, z), T.Broadcast(2.0 / 3));
        T rest = T.FMultiply(p, z);
        T halfSquare = T.FMultiply(T.FMultiply(T.Broadcast(0.5), f), f);
        T inner = T.FAdd(T.FMultiply(s, T.FAdd(halfSquare, rest)), T.FMultiply(k, T.Broadcast(Ln2Lo)));
        T result = T.FAdd(T.FMultiply(k, T.Broadcast(Ln2Hi)), T.FSubtract(f, T.FSubtract(halfSquare, inner)));

        result = T.Select(T.FEquals(x, T.Broadcast(double.PositiveInfinity)), T.Broadcast(double.PositiveInfinity), result);
        result = T.Select(T.FLessThan(x, T.Broadcast(0.0)), T.Broadcast(double.NaN), result);
        result = T.Select(T.FEquals(x, T.Broadcast(0.0)), T.Broadcast(double.NegativeInfinity), result);
        return T.Select(T.FEquals(x, x), result, x);                       // NaN in, NaN out
    }

    /// <summary>
    /// sin(πr/2) and cos(πr/2) for r ∈ [−½, ½]: Taylor series to r^17 and r^16 (truncation &lt; 1e-19 and 2e-18), by Horner with
    /// fused multiply-adds (explicit, so the same on every path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T Sin, T Cos) SinCosHalfPi<T>(T r) where T : struct, ILanes<T>
    {
        T r2 = T.FMultiply(r, r);

        T sp = T.Broadcast(6.0669357311061955e-12);
        sp = T.FMultiplyAdd(sp, r2, T.Broadcast(-6.688035109811468e-10));
        sp = T.FMultiplyAdd(sp, r2, T.Broadcast(5.692172921967927e-08));
        sp = T.FMultiplyAdd(sp, r2, T.Broadcast(-3.598843235212085e-06));
        sp = T.FMultiplyAdd(sp, r2, T.Broadcast(0.00016044118478735983));
        sp = T.FMultiplyAdd(sp, r2, T.Broadcast(-0.004681754135318688));
        sp = T.FMultiplyAdd(sp, r2, T.Broadcast(0.07969262624616705));
        sp = T.FMultiplyAdd(sp, r2, T.Broadcast(-0.6459640975062463));
        sp = T.FMultiplyAdd(sp, r2, T.Broadcast(1.5707963267948966));
        T sin = T.FMultiply(sp, r);

        T cp = T.Broadcast(6.565963114979473e-11);
        cp = T.FMultiplyAdd(cp, r2, T.Broadcast(-6.386603083791852e-09));
        cp = T.FMultiplyAdd(cp, r2, T.Broadcast(4.710874778818172e-07));
        cp = T.FMultiplyAdd(cp, r2, T.Broadcast(-2.5202042373060607e-05));
        cp = T.FMultiplyAdd(cp, r2, T.Broadcast(0.0009192602748394266));
        cp = T.FMultiplyAdd(cp, r2, T.Broadcast(-0.02086348076335296));
        cp = T.FMultiplyAdd(cp, r2, T.Broadcast(0.25366950790104803));
        cp = T.FMultiplyAdd(cp, r2, T.Broadcast(-1.2337005501361697));
        T cos = T.FMultiplyAdd(cp, r2, T.Broadcast(1.0));
        return (sin, cos);
    }
}
