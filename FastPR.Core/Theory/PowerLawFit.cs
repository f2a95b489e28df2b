namespace FastPR.Core.Theory;

/// <summary>A least-squares line ln y = Intercept + Slope·ln t over the points with t in [WindowStart, WindowEnd].</summary>
/// <param name="Slope">The fitted exponent.</param>
/// <param name="Intercept">ln of the prefactor.</param>
/// <param name="RSquared">Coefficient of determination of the fit in log-log coordinates (1 for an exact power law).</param>
/// <param name="WindowStart">Lower end of the window asked for.</param>
/// <param name="WindowEnd">Upper end of the window asked for.</param>
/// <param name="Points">Points used (those in the window with t &gt; 0 and finite y &gt; 0).</param>
public readonly record struct PowerLawFit(double Slope, double Intercept, double RSquared, double WindowStart, double WindowEnd, int Points)
{
    /// <summary>Fits ln y on ln t over the window; null when fewer than 3 usable points lie in it.</summary>
    public static PowerLawFit? Fit(ReadOnlySpan<double> t, ReadOnlySpan<double> y, double windowStart, double windowEnd)
    {
        if (t.Length != y.Length) throw new ArgumentException($"t and y must have the same length ({t.Length} vs {y.Length}).", nameof(y));
        if (!(windowStart <= windowEnd)) throw new ArgumentOutOfRangeException(nameof(windowEnd), windowEnd, $"windowEnd must be ≥ windowStart = {windowStart}.");
        // Two passes (means, then centred sums) keep the fit accurate when ln t spans a narrow range far from 0.
        int n = 0;
        double meanX = 0, meanY = 0;
        for (int k = 0; k < t.Length; k++)
        {
            if (!Usable(t[k], y[k], windowStart, windowEnd)) continue;
            n++;
            meanX += Math.Log(t[k]);
            meanY += Math.Log(y[k]);
        }
        if (n < 3) return null;
        meanX /= n;
        meanY /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int k = 0; k < t.Length; k++)
        {
            if (!Usable(t[k], y[k], windowStart, windowEnd)) continue;
            double dx = Math.Log(t[k]) - meanX, dy = Math.Log(y[k]) - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) return null;
        double slope = sxy / sxx;
        double residual = syy - slope * sxy;
        double r2 = syy == 0 ? 1 : 1 - Math.Max(residual, 0) / syy;
        return new PowerLawFit(slope, meanY - slope * meanX, r2, windowStart, windowEnd, n);
    }

    private static bool Usable(double t, double y, double start, double end) =>
        t >= start && t <= end && t > 0 && double.IsFinite(y) && y > 0;
}
