namespace FastPR.Core;

/// <summary>
/// The final decay rate: ln MSE against t over the last half (in time) of the records whose MSE is above rounding level.
/// It is taken on the MSE, not on 1 − |u|: at finite d the residual 1 − |u| is a λ-weighted sum that decays at a different
/// (measured: about half the) rate, and the MSE is the paper's metric.
/// </summary>
public static class FinalDecay
{
    /// <summary>MSE values at or below this fraction of σ*² are rounding (the flow reaches 10⁻³⁰ at a = 0) and are left out.</summary>
    public const double RoundingFraction = 1e-13;

    /// <summary>The fit, or null with fewer than 3 usable records in the window.</summary>
    public static ExponentialFit? Fit(Problem problem, ReadOnlySpan<Snapshot> trajectory)
    {
        ArgumentNullException.ThrowIfNull(problem);
        double floor = RoundingFraction * problem.SigmaStarSquared;
        int last = trajectory.Length - 1;
        while (last >= 0 && !(trajectory[last].Mse > floor)) last--;
        if (last < 2) return null;
        double end = trajectory[last].Time, start = end / 2;
        var t = new double[last + 1];
        var y = new double[last + 1];
        for (int k = 0; k <= last; k++)
        {
            t[k] = trajectory[k].Time;
            y[k] = trajectory[k].Mse;
        }
        return ExponentialFit.Fit(t, y, start, end);
    }
}
