namespace FastPR.Core;

/// <summary>The theory's numbers for one problem (docs/MODEL.md §4). Snake-case names in brackets are the intended column names.</summary>
/// <param name="Lambda1">λ_1, the largest eigenvalue (lambda_1).</param>
/// <param name="Hda">H_{d,a} = Σ_{j≤d} j^(−a) (h_da); null when the spectrum is not a power law.</param>
/// <param name="SigmaStarSq">σ*² = ‖w*‖²/d, the MSE plateau (sigma_star_sq).</param>
/// <param name="SStar">s* = w*ᵀQw* (s_star; 1 for a drawn teacher).</param>
/// <param name="U0">u(0) = w(0)ᵀQw* (u0).</param>
/// <param name="Rho">ρ_true (rho); null when no growth rate exists (teacher without weight).</param>
/// <param name="C">The residue c, u(t) ≈ c·e^{ρt} in Phase I (c); null with ρ.</param>
/// <param name="T1Predicted">ln(δ/|c|)/ρ with δ = <see cref="GrowthRate.EscapeThreshold"/> (t1_predicted); null with ρ or when c = 0.</param>
/// <param name="CutoffTime">1/(8λ_min) = H_{d,a} d^a/8 normalised (cutoff_time); null for a = 0, where no power-law phase exists.</param>
/// <param name="TeacherAveragedExponent">−(1 − 1/a) (teacher_averaged_exponent); null for a ≤ 1 or another spectrum.</param>
/// <param name="BoundExponent">−(a − 1)/(2a) (bound_exponent); null for a ≤ 1 or another spectrum.</param>
public sealed record TheorySummary(
    double Lambda1, double? Hda, double SigmaStarSq, double SStar, double U0,
    double? Rho, double? C, double? T1Predicted, double? CutoffTime,
    double? TeacherAveragedExponent, double? BoundExponent)
{
    /// <summary>Computes the summary; O(d) apart from the growth-rate bisection (about 50 O(d) passes).</summary>
    public static TheorySummary For(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var spectrum = problem.Spectrum;
        double sStar = problem.SStar;
        ReadOnlySpan<double> lambda = spectrum.Lambda, teacher = problem.Teacher, initial = problem.InitialPoint;
        double u0 = Weighted.Dot(lambda, initial, teacher);
        double? rho = null, c = null, t1 = null;
        if (PhaseOnePrediction.TryFor(problem, out var phaseOne, out _))
        {
            rho = phaseOne.Rho;
            c = phaseOne.Residue;
            t1 = phaseOne.EscapeTime;
        }
        double? a = spectrum.Exponent;
        // An isotropic spectrum (a = 0, or equal eigenvalues) has no power-law phase to cut off.
        bool flat = a == 0 || spectrum.Smallest == spectrum.Lambda1;
        return new TheorySummary(spectrum.Lambda1, spectrum.HarmonicNumber, problem.SigmaStarSquared, sStar, u0,
            rho, c, t1, flat ? null : spectrum.CutoffTime,
            ResidualExponents.TeacherAveraged(a), ResidualExponents.Bound(a));
    }
}
