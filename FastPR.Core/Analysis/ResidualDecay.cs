namespace FastPR.Core;

/// <summary>
/// Phase IIb: the power-law decay of 1 − |u| (docs/MODEL.md §4), measured on a trajectory and set beside its predictions.
/// <para>
/// Fit window, chosen from the theory:
/// <list type="bullet">
/// <item>start = max(T2, 10/λ_1). T2 = T2(0.05) from <see cref="PhaseDetector"/> marks u close to s* (Phase IIb proper; it falls
/// back to T1′ when T2 is not reached); 10/λ_1 is when the top directions have relaxed (e^{−8λ_1 t} ≈ e^{−80}), so what is left of
/// 1 − u is the unlearned tail and not the escape transient;</item>
/// <item>end = min(t_end, cutoff/10), cutoff = 1/(8λ_d) (= H_{d,a} d^a/8 normalised): beyond it the last directions are being learned
/// and the finite-d tail bends the power law down.</item>
/// </list>
/// </para>
/// </summary>
public static class ResidualDecay
{
    /// <summary>S(t) = Σ λ_i (w*_i)² e^{−8 s* λ_i t}: what is left of s* in the directions not yet learned at time t.</summary>
    public static double TailSum(Problem problem, double t)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Guard.FiniteNonNegative(t, nameof(t));
        ReadOnlySpan<double> lambda = problem.Spectrum.Lambda, teacher = problem.Teacher;
        double rate = 8 * problem.SStar * t, sum = 0;
        for (int i = 0; i < lambda.Length; i++) sum += lambda[i] * teacher[i] * teacher[i] * DeterministicMath.Exp(-rate * lambda[i]);
        return sum;
    }

    /// <summary>The fit window described on the class, or null when the trajectory never reaches T1′ or the window is empty.</summary>
    public static (double Start, double End)? Window(Problem problem, ReadOnlySpan<Snapshot> trajectory)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (trajectory.IsEmpty) return null;
        var phases = PhaseDetector.Detect(trajectory, new PhaseOptions { SStar = problem.SStar });
        double? entered = phases.Convergence ?? phases.SCrossing;
        if (entered is null) return null;
        double start = Math.Max(entered.Value, 10 / problem.Spectrum.Lambda1);
        double end = Math.Min(trajectory[^1].Time, problem.Spectrum.CutoffTime / 10);
        return start < end ? (start, end) : null;
    }

    /// <summary>Fits over <see cref="Window"/>; null when there is no window or it holds fewer than 3 records.</summary>
    public static ResidualDecayReport? Fit(Problem problem, ReadOnlySpan<Snapshot> trajectory)
    {
        var window = Window(problem, trajectory);
        return window is null ? null : Fit(problem, trajectory, window.Value.Start, window.Value.End);
    }

    /// <summary>Fits over an explicit window [start, end]; null when it holds fewer than 3 usable records.</summary>
    public static ResidualDecayReport? Fit(Problem problem, ReadOnlySpan<Snapshot> trajectory, double start, double end)
    {
        ArgumentNullException.ThrowIfNull(problem);
        double sStar = problem.SStar;
        var times = new double[trajectory.Length];
        var residual = new double[trajectory.Length];
        var tail = new double[trajectory.Length];
        int first = -1;
        for (int k = 0; k < trajectory.Length; k++)
        {
            times[k] = trajectory[k].Time;
            residual[k] = 1 - Math.Abs(trajectory[k].U) / sStar;
            bool inside = times[k] >= start && times[k] <= end;
            tail[k] = inside ? TailSum(problem, times[k]) : double.NaN;
            if (inside && first < 0) first = k;
        }
        var measured = PowerLawFit.Fit(times, residual, start, end);
        var predicted = PowerLawFit.Fit(times, tail, start, end);
        if (measured is null || predicted is null) return null;
        double? a = problem.Spectrum.Exponent;
        return new ResidualDecayReport(measured.Value, predicted.Value, residual[first] / tail[first], times[first],
            ResidualExponents.TeacherAveraged(a), ResidualExponents.Bound(a));
    }

}
