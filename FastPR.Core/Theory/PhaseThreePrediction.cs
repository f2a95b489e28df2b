namespace FastPR.Core;

/// <summary>
/// Phase III, spectral-tail learning (docs/MODEL.md §4). Near the optimum the sign-aligned errors e_i = w_i − sign(u)·w*_i decay
/// like e^{−8 s* λ_i τ} (α → −8s*), so from a state at t0
/// MSE(t0 + τ) ≈ MSE(t0)·Σ_i π_i e^{−16 s* λ_i τ}, π_i = e_i²/Σ_j e_j².
/// The paper writes e^{−16λ_iτ}; the s* factor makes the rate exact for a teacher that is not normalised (s* = 1 otherwise).
/// The rank-one coupling through δs, δu is neglected, which is accurate once s and u are within about 10⁻³ of s*.
/// </summary>
public sealed class PhaseThreePrediction
{
    private readonly double[] _lambda;
    private readonly double[] _weights;
    private readonly double _sStar;

    /// <summary>Builds the prediction from the state <paramref name="w"/> at time <paramref name="startTime"/>.</summary>
    public PhaseThreePrediction(Problem problem, ReadOnlySpan<double> w, double startTime)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Guard.Length(w.Length, problem.Dimension, nameof(w));
        Guard.FiniteNonNegative(startTime, nameof(startTime));
        var statistics = new ModelStatistics(problem);
        _sStar = statistics.SStar;
        ReadOnlySpan<double> lambda = problem.Spectrum.Lambda, teacher = problem.Teacher;
        double u = Weighted.Dot(lambda, w, teacher);
        double sign = u < 0 ? -1 : 1;
        _lambda = lambda.ToArray();
        _weights = new double[w.Length];
        double total = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double e = w[i] - sign * teacher[i];
            _weights[i] = e * e;
            total += e * e;
        }
        if (total > 0)
        {
            for (int i = 0; i < _weights.Length; i++) _weights[i] /= total;
        }
        StartTime = startTime;
        StartMse = total / w.Length;
    }

    /// <summary>t0.</summary>
    public double StartTime { get; }
    /// <summary>MSE(t0) = ‖e‖²/d (the sign-aligned error, which is the MSE's minimum when sign(u) picks the nearer of ±w*).</summary>
    public double StartMse { get; }
    /// <summary>π_i = e_i(t0)²/Σ_j e_j(t0)².</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Σ_i π_i e^{−16 s* λ_i τ}, the predicted MSE(t0 + τ)/MSE(t0).</summary>
    public double RelativeMse(double tau)
    {
        Guard.FiniteNonNegative(tau, nameof(tau));
        double rate = 16 * _sStar * tau, sum = 0;
        for (int i = 0; i < _lambda.Length; i++) sum += _weights[i] * DeterministicMath.Exp(-rate * _lambda[i]);
        return sum;
    }

    /// <summary>The predicted MSE at time t ≥ t0.</summary>
    public double Mse(double t)
    {
        if (!(t >= StartTime)) throw new ArgumentOutOfRangeException(nameof(t), t, $"t must be ≥ the start time {StartTime}.");
        return StartMse * RelativeMse(t - StartTime);
    }

    /// <summary>The isotropic-error benchmark S_d(τ) = (1/d) Σ_i e^{−16 λ_i τ}: Phase III when every π_i = 1/d.</summary>
    public static double IsotropicBenchmark(Spectrum spectrum, double tau)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        Guard.FiniteNonNegative(tau, nameof(tau));
        ReadOnlySpan<double> lambda = spectrum.Lambda;
        double sum = 0;
        for (int i = 0; i < lambda.Length; i++) sum += DeterministicMath.Exp(-16 * lambda[i] * tau);
        return sum / lambda.Length;
    }

    /// <summary>
    /// The benchmark's asymptote 1 − Γ(1 − 1/a)·(16τλ_1)^{1/a}/d (λ_1 = 1/H_{d,a} when normalised), valid for a &gt; 1 in the window
    /// 1 ≪ (16τλ_1)^{1/a} ≪ d. It comes from Σ_i (1 − e^{−κ i^{−a}}) ≈ ∫_0^∞ (1 − e^{−κ x^{−a}}) dx = Γ(1 − 1/a) κ^{1/a}, κ = 16τλ_1.
    /// Throws for a ≤ 1, where the integral diverges, and for a spectrum that is not a power law.
    /// </summary>
    public static double IsotropicAsymptote(Spectrum spectrum, double tau)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        Guard.FiniteNonNegative(tau, nameof(tau));
        if (spectrum.Exponent is not double a) throw new ArgumentException("The Phase III asymptote exists for a power-law spectrum only.", nameof(spectrum));
        if (!(a > 1)) throw new ArgumentOutOfRangeException(nameof(spectrum), a, $"The Phase III asymptote needs a > 1 (got a = {a}).");
        return 1 - SpecialFunctions.Gamma(1 - 1 / a) * AsymptoteScale(spectrum, tau) / spectrum.Dimension;
    }

    /// <summary>
    /// The asymptote is reported only while (16τλ_1)^{1/a} ≤ this fraction of d: past it the finite sum saturates (S_d → 0) while
    /// the asymptote falls through 0 (−16.5 at d = 1000, a = 2, τ = 10⁷), which is no prediction at all.
    /// </summary>
    public const double AsymptoteWindowFraction = 0.1;

    /// <summary>x = (16τλ_1)^{1/a}, the number of directions learned by τ; the asymptote needs 1 ≪ x ≪ d.</summary>
    public static double AsymptoteScale(Spectrum spectrum, double tau) => DeterministicMath.Pow(16 * tau * spectrum.Lambda1, 1 / spectrum.Exponent!.Value);

    /// <summary>Whether <see cref="IsotropicAsymptote"/> applies at τ: a power law with a &gt; 1 and x ≤ <see cref="AsymptoteWindowFraction"/>·d.</summary>
    public static bool IsotropicAsymptoteApplies(Spectrum spectrum, double tau) =>
        spectrum.Exponent > 1 && AsymptoteScale(spectrum, tau) <= AsymptoteWindowFraction * spectrum.Dimension;
}
