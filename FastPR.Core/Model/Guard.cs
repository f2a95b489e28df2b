namespace FastPR.Core;

/// <summary>Parameter checks whose messages name the parameter and its allowed range.</summary>
internal static class Guard
{
    /// <summary>Throws unless <paramref name="value"/> ≥ <paramref name="min"/>.</summary>
    public static void AtLeast(long value, long min, string name)
    {
        if (value < min) throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ {min} (got {value}).");
    }

    /// <summary>Throws unless the value is finite and ≥ 0.</summary>
    public static void FiniteNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and ≥ 0 (got {value}).");
    }

    /// <summary>Throws unless the value is finite and &gt; 0.</summary>
    public static void FinitePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0 (got {value}).");
    }

    /// <summary>Throws unless the span has exactly <paramref name="length"/> elements.</summary>
    public static void Length(int actual, int length, string name)
    {
        if (actual != length) throw new ArgumentException($"{name} must have length {length} (got {actual}).", name);
    }
}
