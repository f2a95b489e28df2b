namespace FastPR.Core;

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
        if (!(windowStart <= windowEnd)) throw new ArgumentOutOfRangeException(nameof(windowEnd), windowEnd, $"windowEnd must be ≥ windowStart = {windowStart}.");
        return LogLinearRegression.Fit(t, y, windowStart, windowEnd, logTime: true) is { } line
            ? new PowerLawFit(line.Slope, line.Intercept, line.RSquared, windowStart, windowEnd, line.Points)
            : null;
    }
}
