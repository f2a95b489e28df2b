using System.Numerics;

namespace FastPR.Tests.Numerics;

/// <summary>
/// A 200-bit fixed-point reference for exp, ln and sin(πx) (value = N/2^Bits), from series with exact integer arithmetic:
/// the yardstick DeterministicMathTests measures FastPR's functions against, in ulps of the double result.
/// </summary>
internal static class HighPrecision
{
    public const int Bits = 200;
    public static readonly BigInteger One = BigInteger.One << Bits;
    public static readonly BigInteger Ln2 = ComputeLn2();
    public static readonly BigInteger Pi = 16 * Atan(One / 5) - 4 * Atan(One / 239);

    /// <summary>x exactly, if its lowest bit is at or above 2^−Bits (else rounded toward zero).</summary>
    public static BigInteger FromDouble(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        int exponent = (int)(bits >> 52);
        long mantissa = bits & ((1L << 52) - 1);
        if (exponent == 0) exponent = 1;
        else mantissa |= 1L << 52;
        int shift = exponent - 1075 + Bits;
        BigInteger value = shift >= 0 ? (BigInteger)mantissa << shift : (BigInteger)mantissa >> -shift;
        return x < 0 ? -value : value;
    }

    public static BigInteger Multiply(BigInteger a, BigInteger b) => a * b >> Bits;

    /// <summary>e^X for |X| ≤ 1 (fixed point).</summary>
    public static BigInteger ExpSmall(BigInteger x)
    {
        BigInteger sum = One, term = One;
        for (int n = 1; !term.IsZero; n++)
        {
            term = Multiply(term, x) / n;
            sum += term;
        }
        return sum;
    }

    /// <summary>ln m for m ∈ [1, 2] (fixed point): 2·atanh((m − 1)/(m + 1)).</summary>
    public static BigInteger LogMantissa(BigInteger m)
    {
        BigInteger s = ((m - One) << Bits) / (m + One), s2 = Multiply(s, s), power = s, sum = BigInteger.Zero;
        for (int k = 1; !power.IsZero; k += 2)
        {
            sum += power / k;
            power = Multiply(power, s2);
        }
        return 2 * sum;
    }

    /// <summary>ln x for finite x &gt; 0 (fixed point).</summary>
    public static BigInteger Log(double x)
    {
        int exponent = Math.ILogB(x);
        BigInteger m = FromDouble(Math.ScaleB(x, -exponent)); // exact: only the exponent changes (or a subnormal is normalised)
        return exponent * Ln2 + LogMantissa(m);
    }

    /// <summary>sin(X) for |X| ≤ 4 (fixed point).</summary>
    public static BigInteger Sin(BigInteger x)
    {
        BigInteger sum = BigInteger.Zero, term = x, x2 = Multiply(x, x);
        for (int n = 1; !term.IsZero; n += 2)
        {
            sum += term;
            term = -Multiply(term, x2) / ((n + 1) * (n + 2));
        }
        return sum;
    }

    /// <summary>
    /// The error of <paramref name="computed"/> against e^<paramref name="x"/> (x fixed point, |x| &lt; 750), in ulps of the
    /// double result (the subnormal spacing below 2^−1022); infinity where the result over- or underflowed wrongly.
    /// </summary>
    public static double ExpErrorUlps(BigInteger x, double computed)
    {
        // x = k·ln 2 + r with |r| ≤ ln 2; compare e^r with computed·2^−k.
        int k = (int)Math.Round((double)x / (double)One / 0.6931471805599453);
        return UlpsApart(computed, ExpSmall(x - k * Ln2), k);
    }

    /// <summary>|computed − reference·2^scale| in ulps of computed (reference fixed point).</summary>
    public static double UlpsApart(double computed, BigInteger reference, int scale)
    {
        if (!double.IsFinite(computed)) return double.PositiveInfinity;
        int ulpExponent = computed == 0 ? -1074 : Math.Max(Math.ILogB(computed) - 52, -1074);
        BigInteger difference = BigInteger.Abs(ScaledExact(computed, Bits - scale) - reference);
        int ulpShift = ulpExponent + Bits - scale; // one ulp of computed is 2^ulpShift units of the fixed point
        if (ulpShift < 40) throw new InvalidOperationException($"The reference is too coarse for {computed:R}.");
        return Math.ScaleB((double)difference, -ulpShift);
    }

    private static BigInteger ScaledExact(double value, int shift)
    {
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponent = (int)(bits >> 52);
        long mantissa = bits & ((1L << 52) - 1);
        if (exponent == 0) exponent = 1;
        else mantissa |= 1L << 52;
        int total = exponent - 1075 + shift;
        BigInteger magnitude = total >= 0 ? (BigInteger)mantissa << total : (BigInteger)mantissa >> -total;
        return value < 0 ? -magnitude : magnitude;
    }

    private static BigInteger ComputeLn2()
    {
        // ln 2 = Σ_{k ≥ 1} 1/(k·2^k)
        BigInteger sum = BigInteger.Zero;
        for (int k = 1; k < Bits + 20; k++) sum += (One >> k) / k;
        return sum;
    }

    private static BigInteger Atan(BigInteger x)
    {
        BigInteger sum = BigInteger.Zero, power = x, x2 = Multiply(x, x);
        for (int k = 1, sign = 1; !power.IsZero; k += 2, sign = -sign)
        {
            sum += sign * (power / k);
            power = Multiply(power, x2);
        }
        return sum;
    }
}
