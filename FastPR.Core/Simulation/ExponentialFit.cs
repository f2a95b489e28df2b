namespace FastPR.Core.Simulation;

/// <summary>A least-squares line ln y = ln A + Rate·t over the points with t in [WindowStart, WindowEnd] (Phase I: |u| ≈ |c|·e^{ρt}).</summary>
/// <param name="Rate">The fitted exponential rate (compare with ρ_true).</param>
/// <param name="Amplitude">A = e^{intercept} (compare with |c|).</param>
/// <param name="RSquared">Coefficient of determination of the fit of ln y on t.</param>
/// <param name="WindowStart">First time used.</param>
/// <param name="WindowEnd">Last time used.</param>
/// <param name="Points">Points used.</param>
public readonly record struct ExponentialFit(double Rate, double Amplitude, double RSquared, double WindowStart, double WindowEnd, int Points)
{
    /// <summary>Fits ln y on t over the points with t in [start, end] and finite y &gt; 0; null with fewer than 3 such points.</summary>
    public static ExponentialFit? Fit(ReadOnlySpan<double> t, ReadOnlySpan<double> y, double start, double end)
    {
        if (t.Length != y.Length) throw new ArgumentException($"t and y must have the same length ({t.Length} vs {y.Length}).", nameof(y));
        int n = 0;
        double meanX = 0, meanY = 0, first = double.NaN, last = double.NaN;
        for (int k = 0; k < t.Length; k++)
        {
            if (!Usable(t[k], y[k], start, end)) continue;
            if (n == 0) first = t[k];
            last = t[k];
            n++;
            meanX += t[k];
            meanY += Math.Log(y[k]);
        }
        if (n < 3) return null;
        meanX /= n;
        meanY /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int k = 0; k < t.Length; k++)
        {
            if (!Usable(t[k], y[k], start, end)) continue;
            double dx = t[k] - meanX, dy = Math.Log(y[k]) - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) return null;
        double rate = sxy / sxx;
        double r2 = syy == 0 ? 1 : 1 - Math.Max(syy - rate * sxy, 0) / syy;
        return new ExponentialFit(rate, Math.Exp(meanY - rate * meanX), r2, first, last, n);
    }

    private static bool Usable(double t, double y, double start, double end) =>
        t >= start && t <= end && double.IsFinite(y) && y > 0;
}
