namespace FastPR.Core;

/// <summary>
/// Least squares of ln y on x (x = t, or x = ln t when <c>logTime</c>) over the points with t in [start, end], t &gt; 0 when
/// logged and finite y &gt; 0. Shared by the power-law (Phase IIb) and exponential (Phase I) fits.
/// </summary>
internal static class LogLinearRegression
{
    /// <summary>The fitted line, or null with fewer than 3 usable points or no spread in x.</summary>
    public static (double Slope, double Intercept, double RSquared, int Points, double FirstT, double LastT)? Fit(
        ReadOnlySpan<double> t, ReadOnlySpan<double> y, double start, double end, bool logTime)
    {
        if (t.Length != y.Length) throw new ArgumentException($"t and y must have the same length ({t.Length} vs {y.Length}).", nameof(y));
        // Two passes (means, then centred sums) keep the fit accurate when x spans a narrow range far from 0.
        int n = 0;
        double meanX = 0, meanY = 0, first = double.NaN, last = double.NaN;
        for (int k = 0; k < t.Length; k++)
        {
            if (!Usable(t[k], y[k], start, end, logTime)) continue;
            if (n == 0) first = t[k];
            last = t[k];
            n++;
            meanX += logTime ? DeterministicMath.Log(t[k]) : t[k];
            meanY += DeterministicMath.Log(y[k]);
        }
        if (n < 3) return null;
        meanX /= n;
        meanY /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int k = 0; k < t.Length; k++)
        {
            if (!Usable(t[k], y[k], start, end, logTime)) continue;
            double dx = (logTime ? DeterministicMath.Log(t[k]) : t[k]) - meanX, dy = DeterministicMath.Log(y[k]) - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) return null;
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : 1 - Math.Max(syy - slope * sxy, 0) / syy;
        return (slope, meanY - slope * meanX, r2, n, first, last);
    }

    private static bool Usable(double t, double y, double start, double end, bool logTime) =>
        t >= start && t <= end && (!logTime || t > 0) && double.IsFinite(y) && y > 0;
}
