using System.Globalization;

namespace FastPR.Core;

/// <summary>
/// How numbers are written in a run's fields, for every front end (CLI options, sweep grid values, library keywords, resume):
/// invariant culture; integers also in exponent notation when integral (<c>1e6</c>); reals also as <c>inf</c> and <c>-inf</c>
/// (NaN and infinities parse and are refused by range checks, which name the field); seeds as plain unsigned integers.
/// </summary>
public static class FieldText
{
    /// <summary>Parses an integer, accepting an integral value in exponent notation below 9.2·10¹⁸ in magnitude.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) &&
            double.IsFinite(real) && real == Math.Floor(real) && Math.Abs(real) < 9.2e18)
        {
            value = (long)real;
            return true;
        }
        return false;
    }

    /// <summary>Parses a real number.</summary>
    public static bool TryParseReal(string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("+inf", StringComparison.OrdinalIgnoreCase)) value = double.PositiveInfinity;
        else if (text.Equals("-inf", StringComparison.OrdinalIgnoreCase)) value = double.NegativeInfinity;
        else return false;
        return true;
    }

    /// <summary>Parses a seed: digits only, 0 to 2⁶⁴ − 1.</summary>
    public static bool TryParseSeed(string text, out ulong value)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
