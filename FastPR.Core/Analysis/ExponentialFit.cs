namespace FastPR.Core;

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
    public static ExponentialFit? Fit(ReadOnlySpan<double> t, ReadOnlySpan<double> y, double start, double end) =>
        LogLinearRegression.Fit(t, y, start, end, logTime: false) is { } line
            ? new ExponentialFit(line.Slope, DeterministicMath.Exp(line.Intercept), line.RSquared, line.FirstT, line.LastT, line.Points)
            : null;
}
