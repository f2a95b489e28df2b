using FastPR.Core.Model;

namespace FastPR.Core.Theory;

/// <summary>
/// Exact leaps of the population dynamics with the scalars α, β held fixed (docs/MODEL.md §3.3, §3.5). Given α and β the dynamics
/// ẇ_i = λ_i(α w_i + β w*_i) (flow) or w_i ← w_i + ηλ_i(α w_i + β w*_i) (GD) is linear and diagonal, so any leap is closed-form:
/// <list type="bullet">
/// <item>flow over h: w_i ← e^{λ_i α h} w_i + β w*_i · λ_i h·φ(λ_i α h), φ(x) = (eˣ − 1)/x (the α → 0 limit is built in);</item>
/// <item>n GD steps: w_i ← r_i^n w_i + β w*_i (r_i^n − 1)/α, r_i = 1 + ηλ_i α, with r_i^n = exp(n·log1p(ηλ_i α)).</item>
/// </list>
/// These are the building blocks of the log-time integrators, which choose α and β self-consistently per leap.
/// </summary>
public static class ExponentialLeap
{
    /// <summary>Advances <paramref name="w"/> by flow time <paramref name="h"/> ≥ 0 with frozen α, β. O(d), no allocation.</summary>
    public static void Flow(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, double alpha, double beta, double h, Span<double> w)
    {
        Guard.FiniteNonNegative(h, nameof(h));
        Apply(new FlowCoefficients(h), lambda, teacher, alpha, beta, w);
    }

    /// <summary>
    /// Applies <paramref name="steps"/> GD steps of size η with frozen α, β. Stability condition of the closed form:
    /// 1 + ηλ_i α &gt; 0 for every i (for n = 1 any value is allowed, it is the plain step). Throws when it is violated.
    /// </summary>
    public static void GradientDescent(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, double alpha, double beta,
        double eta, long steps, Span<double> w)
    {
        Guard.FinitePositive(eta, nameof(eta));
        Guard.AtLeast(steps, 0, nameof(steps));
        if (steps == 0) return;
        if (steps > 1)
        {
            for (int i = 0; i < lambda.Length; i++)
            {
                if (1 + eta * lambda[i] * alpha <= 0)
                    throw new ArgumentOutOfRangeException(nameof(alpha), alpha,
                        $"1 + ηλα must be > 0 to leap several GD steps (η = {eta}, λ[{i}] = {lambda[i]}, α = {alpha}).");
            }
        }
        Apply(new GdCoefficients(eta, steps), lambda, teacher, alpha, beta, w);
    }

    private static void Apply<T>(T coefficients, ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, double alpha, double beta, Span<double> w)
        where T : struct, ILeapCoefficients
    {
        Guard.Length(teacher.Length, lambda.Length, nameof(teacher));
        Guard.Length(w.Length, lambda.Length, nameof(w));
        if (!double.IsFinite(alpha) || !double.IsFinite(beta)) throw new ArgumentException("alpha and beta must be finite.");
        for (int i = 0; i < w.Length; i++)
        {
            coefficients.Compute(lambda[i], alpha, out double growth, out double drive, out _, out _);
            w[i] = growth * w[i] + beta * drive * teacher[i];
        }
    }
}
