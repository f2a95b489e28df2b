namespace FastPR.Core;

/// <summary>
/// The Phase I prediction for one problem: u(t) ≈ c·e^{ρt} while s ≈ 0, and the escape time T1 = ln(δ/|c|)/ρ (docs/MODEL.md §4).
/// </summary>
/// <param name="Rate">ρ_true and its pole.</param>
/// <param name="Residue">c, the amplitude of the growing mode (signed: u follows its sign).</param>
/// <param name="InitialOverlap">u(0) = w(0)ᵀQw*, for comparison with c.</param>
/// <param name="EscapeTime">T1 = ln(δ/|c|)/ρ with δ = <see cref="GrowthRate.EscapeThreshold"/>; null when c = 0.</param>
public sealed record PhaseOnePrediction(GrowthRateSolution Rate, double Residue, double InitialOverlap, double? EscapeTime)
{
    /// <summary>ρ_true.</summary>
    public double Rho => Rate.Rho;

    /// <summary>The predicted overlap c·e^{ρt}.</summary>
    public double Overlap(double t) => Residue * DeterministicMath.Exp(Rate.Rho * t);

    /// <summary>The prediction for a problem's spectrum, teacher and initial point. Throws when no growth rate exists.</summary>
    public static PhaseOnePrediction For(Problem problem)
    {
        if (!TryFor(problem, out var prediction, out string? failure)) throw new InvalidOperationException(failure);
        return prediction;
    }

    /// <summary>As <see cref="For"/>, but returns false with the reason when no growth rate exists.</summary>
    public static bool TryFor(Problem problem, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PhaseOnePrediction? prediction, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(problem);
        prediction = null;
        ReadOnlySpan<double> lambda = problem.Spectrum.Lambda, teacher = problem.Teacher, initial = problem.InitialPoint;
        if (!GrowthRate.TrySolve(lambda, teacher, out var rate, out failure)) return false;
        double residue = GrowthRate.Residue(lambda, teacher, initial, rate);
        double u0 = Weighted.Dot(lambda, initial, teacher);
        prediction = new PhaseOnePrediction(rate, residue, u0, GrowthRate.EscapeTime(residue, rate.Rho));
        return true;
    }
}
