namespace FastPR.Tests.Native;

/// <summary>Relative tolerances against the double-precision oracle, scaled by the sum of |terms|.</summary>
internal static class Tolerance
{
    public const double Double = 1e-13;

    public static void Close(double expected, double actual, double scale, double relative, string context)
    {
        double error = Math.Abs(expected - actual);
        double bound = relative * scale;
        Assert.True(
            error <= bound,
            $"{context}: expected {expected:R}, got {actual:R}; |error| {error:E3} > {relative:E0} x scale {scale:E3}");
    }

    public static void AllClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, ReadOnlySpan<double> scale, double relative, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], scale[i], relative, $"{context} [{i}]");
        }
    }
}
