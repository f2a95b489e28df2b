namespace FastPR.Core;

/// <summary>
/// ∇L(w) = 12 s Qw − 4 s* Qw − 8 u Qw* = −Q(α w + β w*) with α = 4(s* − 3s), β = 8u (docs/MODEL.md §2–§3).
/// </summary>
internal static class PopulationGradient
{
    /// <summary>Writes ∇L(w) into <paramref name="gradient"/> (length d). O(d), no allocation.</summary>
    public static void Compute(Problem problem, ReadOnlySpan<double> w, Span<double> gradient)
    {
        Guard.Length(gradient.Length, problem.Dimension, nameof(gradient));
        var (alpha, beta) = Scalars(problem, w);
        ReadOnlySpan<double> lambda = problem.Spectrum.Lambda, teacher = problem.Teacher;
        for (int i = 0; i < w.Length; i++) gradient[i] = -lambda[i] * (alpha * w[i] + beta * teacher[i]);
    }

    /// <summary>The flow's scalars α = 4(s* − 3s) and β = 8u at <paramref name="w"/>.</summary>
    public static (double Alpha, double Beta) Scalars(Problem problem, ReadOnlySpan<double> w)
    {
        Guard.Length(w.Length, problem.Dimension, nameof(w));
        ReadOnlySpan<double> lambda = problem.Spectrum.Lambda, teacher = problem.Teacher;
        double s = 0, u = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += lambda[i] * w[i] * w[i];
            u += lambda[i] * w[i] * teacher[i];
        }
        return (4 * (problem.SStar - 3 * s), 8 * u);
    }
}
