namespace FastPR.Core;

/// <summary>
/// The Phase I growth rate ρ_true and residue c (docs/MODEL.md §4).
/// <para>
/// Near w = 0 the flow linearises (s ≈ 0, so α = 4 s*) to ẇ_i = λ_i (4 s* w_i + 8 u w*_i). Its Laplace transform gives
/// û(p) = â(p) / (1 − F(p)) with F(p) = 8 Σ_i c_i / (p − 4 s* λ_i), c_i = (w*_i λ_i)², and â(p) = Σ_i w_i(0) w*_i λ_i / (p − 4 s* λ_i).
/// The rate is the largest root of F(ρ) = 1. docs/MODEL.md writes the pole as 4λ_1 because a drawn teacher has s* = 1; here s* is
/// computed from the teacher so the root is exactly the linearisation's rate for any teacher.
/// </para>
/// <para>
/// Which pole. Coordinates with c_i = 0 (no teacher weight, or (w*_i λ_i)² underflowing to 0) drop out of both F and â, so they
/// neither create a pole nor affect u. The relevant pole is p_top = 4 s* λ_top with λ_top the largest λ_i over coordinates with
/// c_i &gt; 0 — not 4λ_1 when the teacher has no weight on direction 1, and one pole (not several) when λ_1 is degenerate
/// (e.g. a = 0, all λ equal). Those zero-weight directions still grow (at rate 4 s* λ_i in w, 8 s* λ_i in s) but do not enter u.
/// </para>
/// <para>
/// Existence. On (p_top, ∞), F decreases strictly from +∞ (the c_top/(p − p_top) term diverges) to 0, so exactly one root
/// exists whenever at least one c_i &gt; 0. It fails precisely when every c_i is 0, i.e. the teacher has no weight on any direction
/// with λ_i &gt; 0 (w* = 0): then u stays 0 under the linearised flow and there is no rate. Non-finite or negative λ are rejected.
/// </para>
/// <para>
/// Numerics. The unknown is the gap x = ρ − p_top, with denominators x + 4 s*(λ_top − λ_i) ≥ x, so no cancellation occurs even
/// when x is far below ulp(p_top). Since 8c_top/x ≤ F ≤ 8Σc/x, the root lies in [8 c_top, 8 Σ c]; it is bisected geometrically
/// to a relative width 10⁻¹⁴ (well inside the required 10⁻¹² on ρ), O(d) per evaluation.
/// </para>
/// </summary>
public static class GrowthRate
{
    /// <summary>δ in the predicted escape time T1 = ln(δ/|c|)/ρ: the |u| at which Phase I is over (s is then still ≈ 0).</summary>
    public const double EscapeThreshold = 0.05;

    private const double RelativeTolerance = 1e-14;
    private const int MaxIterations = 400;

    /// <summary>ρ_true for a problem's spectrum and teacher. Throws <see cref="InvalidOperationException"/> when no root exists.</summary>
    public static GrowthRateSolution Solve(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Solve(problem.Spectrum.Lambda, problem.Teacher);
    }

    /// <summary>ρ_true for a spectrum and teacher. Throws <see cref="InvalidOperationException"/> when no root exists.</summary>
    public static GrowthRateSolution Solve(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher)
    {
        if (!TrySolve(lambda, teacher, out var solution, out string? failure)) throw new InvalidOperationException(failure);
        return solution;
    }

    /// <summary>
    /// ρ_true for a spectrum and teacher; false with a reason when no root exists (the teacher has no weight on any direction).
    /// Throws <see cref="ArgumentException"/> for mismatched lengths and non-finite or negative inputs.
    /// </summary>
    public static bool TrySolve(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, out GrowthRateSolution solution, out string? failure)
    {
        Validate(lambda, teacher);
        solution = default;
        int top = -1;
        double sStar = Weighted.Dot(lambda, teacher, teacher), cTop = 0, cAll = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            double c = Weight(lambda[i], teacher[i]);
            if (c == 0) continue;
            cAll += c;
            if (top < 0 || lambda[i] > lambda[top]) { top = i; cTop = c; }
            else if (lambda[i] == lambda[top]) cTop += c; // a degenerate top eigenvalue: one pole, summed weight
        }
        if (top < 0)
        {
            failure = "No Phase I growth rate: the teacher has no weight on any direction ((w*_i λ_i)² = 0 for every i), " +
                      "so 1 = 8 Σ (w*_i)² λ_i² / (ρ − 4 s* λ_i) has no root and u stays 0 under the linearised flow.";
            return false;
        }
        double lambdaTop = lambda[top];
        double lo = 8 * cTop, hi = 8 * cAll;
        // F(lo) ≥ 1 ≥ F(hi); bisect the gap on a log scale, since lo/hi can span many decades.
        int iterations = 0;
        while (hi > lo * (1 + RelativeTolerance) && iterations++ < MaxIterations)
        {
            double mid = Math.Sqrt(lo) * Math.Sqrt(hi);
            if (mid <= lo || mid >= hi) mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) break;
            if (DispersionAtGap(lambda, teacher, sStar, lambdaTop, mid) >= 1) lo = mid; else hi = mid;
        }
        double gap = lo + (hi - lo) / 2;
        double pole = 4 * sStar * lambdaTop;
        solution = new GrowthRateSolution(pole + gap, pole, gap, top, sStar);
        failure = null;
        return true;
    }

    /// <summary>
    /// F(ρ) = 8 Σ_i (w*_i λ_i)² / (ρ − 4 s* λ_i), with s* = Σ λ_i (w*_i)², evaluated directly (for checking a root;
    /// the solver itself works with the gap ρ − pole to avoid cancellation).
    /// </summary>
    public static double Dispersion(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, double rho)
    {
        Validate(lambda, teacher);
        double sStar = Weighted.Dot(lambda, teacher, teacher);
        double sum = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            double c = Weight(lambda[i], teacher[i]);
            if (c != 0) sum += c / (rho - 4 * sStar * lambda[i]);
        }
        return 8 * sum;
    }

    /// <summary>
    /// The residue c = â(ρ) / (8 Σ_i (w*_i λ_i)² / (ρ − 4 s* λ_i)²) with â(ρ) = Σ_i w_i(0) w*_i λ_i / (ρ − 4 s* λ_i),
    /// so that u(t) ≈ c·e^{ρt} in Phase I. Coordinates with (w*_i λ_i)² = 0 are skipped, as in the solver.
    /// </summary>
    public static double Residue(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, ReadOnlySpan<double> initial, in GrowthRateSolution rate)
    {
        Validate(lambda, teacher);
        Guard.Length(initial.Length, lambda.Length, nameof(initial));
        double lambdaTop = lambda[rate.TopIndex], fourS = 4 * rate.SStar;
        double aHat = 0, slope = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            double c = Weight(lambda[i], teacher[i]);
            if (c == 0) continue;
            double denominator = rate.Gap + fourS * (lambdaTop - lambda[i]);
            aHat += initial[i] * teacher[i] * lambda[i] / denominator;
            slope += c / (denominator * denominator);
        }
        return aHat / (8 * slope);
    }

    /// <summary>
    /// Predicted escape time T1 = ln(δ/|c|)/ρ (δ = <see cref="EscapeThreshold"/> by default), the time c·e^{ρt} reaches δ.
    /// Null when c = 0 (the initial point has no component along the growing mode); 0 when |c| ≥ δ already, since the
    /// run starts escaped (the measured T1 is then 0 too, rather than a negative extrapolation into the past).
    /// </summary>
    public static double? EscapeTime(double residue, double rho, double threshold = EscapeThreshold)
    {
        Guard.FinitePositive(rho, nameof(rho));
        Guard.FinitePositive(threshold, nameof(threshold));
        if (residue == 0 || !double.IsFinite(residue)) return null;
        return Math.Max(0, DeterministicMath.Log(threshold / Math.Abs(residue)) / rho);
    }

    private static double Weight(double lambda, double teacher)
    {
        double c = teacher * lambda;
        return c * c;
    }

    private static double DispersionAtGap(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, double sStar, double lambdaTop, double gap)
    {
        double fourS = 4 * sStar, sum = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            double c = Weight(lambda[i], teacher[i]);
            if (c == 0) continue;
            sum += c / (gap + fourS * (lambdaTop - lambda[i]));
        }
        return 8 * sum;
    }

    private static void Validate(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher)
    {
        Guard.Length(teacher.Length, lambda.Length, nameof(teacher));
        for (int i = 0; i < lambda.Length; i++)
        {
            if (!double.IsFinite(lambda[i]) || lambda[i] < 0)
                throw new ArgumentException($"lambda must be finite and ≥ 0 (lambda[{i}] = {lambda[i]}).", nameof(lambda));
            if (!double.IsFinite(teacher[i]))
                throw new ArgumentException($"teacher must be finite (teacher[{i}] = {teacher[i]}).", nameof(teacher));
        }
    }
}
