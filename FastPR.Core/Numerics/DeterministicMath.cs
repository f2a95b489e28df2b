namespace FastPR.Core;

/// <summary>
/// The transcendental functions FastPR's results go through, in place of <c>Math.Exp</c>, <c>Math.Log</c>, <c>Math.Pow</c>
/// and <c>Math.Sin</c>, which call the platform's C library and round differently on Windows, glibc and macOS. These run
/// <see cref="LaneMath"/> (the code the vector paths run) or plain IEEE arithmetic, so a result is the same bits on every
/// platform and vector width (docs/MODEL.md, "Determinism").
/// <para>
/// Accuracy, measured against a 200-bit reference (DeterministicMathTests): <see cref="Exp"/> and <see cref="Log"/> below
/// 1 ulp; <see cref="Pow"/> below 1 ulp + 2^−57·|y·ln x| relative (ln x in double-double to 2^−57: a few ulp for the
/// spectrum's i^−a, up to about 90 ulp where xʸ nears the ends of the double range); <see cref="SinPi"/> below 1.5 ulp.
/// </para>
/// </summary>
public static class DeterministicMath
{
    private const ulong SqrtHalfBits = 0x3FE6_A09E_667F_3BCD;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double TwoPow54 = 18014398509481984.0;
    private const double Ln10 = 2.302585092994046;

    /// <summary>eˣ.</summary>
    public static double Exp(double x) => LaneMath.Exp(ScalarLanes.Of(x)).Value;

    /// <summary>ln x.</summary>
    public static double Log(double x) => LaneMath.Log(ScalarLanes.Of(x)).Value;

    /// <summary>log₁₀ x as ln x / ln 10 (about 2 ulp; for choosing decades, not for results that need the last bit).</summary>
    public static double Log10(double x) => Log(x) / Ln10;

    /// <summary>
    /// xʸ with IEEE's special cases (pow(x, ±0) = 1, pow(1, y) = 1, negative x only with integer y). Integer y with |y| ≤ 64
    /// is computed by squaring in double-double (exact whenever xʸ is representable, e.g. 10^k for k ≤ 22); otherwise
    /// e^(y·ln x) with ln x and the product in double-double.
    /// </summary>
    public static double Pow(double x, double y)
    {
        if (y == 0 || x == 1) return 1;
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        bool integer = Math.Abs(y) < 9007199254740992.0 && y == Math.Floor(y);
        if (x < 0)
        {
            if (!integer) return double.NaN;
            double magnitude = Pow(-x, y);
            return Math.Floor(y / 2) * 2 != y ? -magnitude : magnitude; // y/2 is exact
        }
        if (x == 0) return y > 0 ? 0.0 : double.PositiveInfinity;
        if (double.IsPositiveInfinity(x)) return y > 0 ? double.PositiveInfinity : 0.0;
        if (double.IsInfinity(y)) return (x < 1) == (y > 0) ? 0.0 : double.PositiveInfinity;
        if (integer && Math.Abs(y) <= 64 && TryIntegerPower(x, (int)y, out double power)) return power;

        var (logHi, logLo) = LogDoubleDouble(x);
        double product = y * logHi;
        if (!(Math.Abs(product) < 1000)) return product > 0 ? double.PositiveInfinity : 0.0;
        var (hi, lo) = TwoProduct(y, logHi);
        lo += y * logLo;
        double sum = hi + lo;
        lo -= sum - hi;
        return LaneMath.Exp(ScalarLanes.Of(sum), ScalarLanes.Of(lo)).Value;
    }

    /// <summary>sin(πx), exact zeros at the integers; the argument reduction is exact for every finite x.</summary>
    public static double SinPi(double x)
    {
        if (!double.IsFinite(x)) return double.NaN;
        if (Math.Abs(x) >= 4503599627370496.0) return 0.0 * x; // every such double is an integer
        double v = 2 * x, quarter = Math.Round(v);               // πx = (π/2)(q + r), r ∈ [−½, ½] exact
        var (sin, cos) = LaneMath.SinCosHalfPi(ScalarLanes.Of(v - quarter));
        return ((long)quarter & 3) switch
        {
            0 => sin.Value,
            1 => cos.Value,
            2 => -sin.Value,
            _ => -cos.Value,
        };
    }

    /// <summary>xⁿ by squaring in double-double; false where an intermediate leaves [2^−900, 2^900] (Dekker's split needs the room).</summary>
    private static bool TryIntegerPower(double x, int n, out double power)
    {
        double baseHi = x, baseLo = 0, hi = 1, lo = 0;
        for (int m = Math.Abs(n); ;)
        {
            if ((m & 1) != 0) (hi, lo) = Multiply(hi, lo, baseHi, baseLo);
            m >>= 1;
            if (m == 0) break;
            (baseHi, baseLo) = Multiply(baseHi, baseLo, baseHi, baseLo);
            if (!InRange(baseHi)) break;
        }
        if (!InRange(hi) || !InRange(baseHi))
        {
            power = 0;
            return false;
        }
        if (n >= 0)
        {
            power = hi + lo;
            return true;
        }
        // 1/(hi + lo) = q + (1 − q·hi − q·lo)/(hi + lo), with q·hi exact.
        double q = 1 / hi;
        var (ph, pl) = TwoProduct(q, hi);
        power = q + q * (((1 - ph) - pl) - q * lo);
        return true;

        static bool InRange(double v) => Math.Abs(v) is > 1.2e-271 and < 8.5e270;
    }

    private static (double Hi, double Lo) Multiply(double aHi, double aLo, double bHi, double bLo)
    {
        var (hi, lo) = TwoProduct(aHi, bHi);
        lo += aHi * bLo + aLo * bHi;
        double sum = hi + lo;
        return (sum, lo - (sum - hi));
    }

    /// <summary>
    /// ln x for finite x &gt; 0 as hi + lo, relative error below 2^−57 (the series tail's roundings): as <see cref="LaneMath.Log{T}"/> but with s = f/(2 + f)
    /// and k·ln 2 + 2s carried in double-double.
    /// </summary>
    internal static (double Hi, double Lo) LogDoubleDouble(double x)
    {
        long k = 0;
        if (x < SmallestNormal)
        {
            x *= TwoPow54;
            k = -54;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        long exponent = (bits - (long)SqrtHalfBits) >> 52;                 // x = 2^exponent·m, m ∈ [√½, √2)
        double m = BitConverter.Int64BitsToDouble(bits - (exponent << 52));
        k += exponent;
        double f = m - 1;
        double d = 2 + f, dLo = f - (d - 2);                                // 2 + f = d + dLo exactly
        double s = f / d;
        var (ph, pl) = TwoProduct(s, d);
        double sLo = (((f - ph) - pl) - s * dLo) / d;                       // s + sLo = f/(2 + f) to about 2^−106
        double z = s * s;
        double p = 1.0 / 21;
        p = p * z + 1.0 / 19;
        p = p * z + 1.0 / 17;
        p = p * z + 1.0 / 15;
        p = p * z + 1.0 / 13;
        p = p * z + 1.0 / 11;
        p = p * z + 1.0 / 9;
        p = p * z + 1.0 / 7;
        p = p * z + 1.0 / 5;
        p = p * z + 1.0 / 3;
        double tail = 2 * sLo + 2 * s * (z * p);                            // 2·atanh(s) − 2s
        double a = k * LaneMath.Ln2Hi, b = 2 * s;                           // k·Ln2Hi exact
        var (hi, e) = TwoSum(a, b);
        double lo = e + (k * LaneMath.Ln2Lo + tail);
        double sum = hi + lo;
        return (sum, lo - (sum - hi));
    }

    /// <summary>a + b = sum + error exactly (Knuth).</summary>
    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        double sum = a + b, bVirtual = sum - a, aVirtual = sum - bVirtual;
        return (sum, (a - aVirtual) + (b - bVirtual));
    }

    /// <summary>a·b = product + error exactly (Dekker's split, no fused multiply-add), for |a|, |b| well inside the double range.</summary>
    private static (double Product, double Error) TwoProduct(double a, double b)
    {
        double product = a * b;
        var (aHi, aLo) = Split(a);
        var (bHi, bLo) = Split(b);
        double error = ((aHi * bHi - product) + aHi * bLo + aLo * bHi) + aLo * bLo;
        return (product, error);

        static (double Hi, double Lo) Split(double v)
        {
            double t = 134217729.0 * v; // 2^27 + 1
            double hi = t - (t - v);
            return (hi, v - hi);
        }
    }
}
