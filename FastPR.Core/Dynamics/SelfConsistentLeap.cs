using System.Runtime.CompilerServices;

namespace FastPR.Core;

/// <summary>
/// One leap whose scalars are solved self-consistently (docs/MODEL.md §3.3): (α, β) = (4(s* − 3s̄), 8ū) with s̄ = (1 − θ)s₀ + θs₁ and
/// ū likewise, s₀, s₁ the start and end values of the leaped state. θ = 1/2 for the flow (the average of start and end);
/// GD uses θ = (n − 1)/(2n), see <see cref="LogTimeGdIntegrator"/>. Freezing α at the start instead over-corrects s for leaps
/// much longer than 0.1.
/// <para>
/// Newton on the 2×2 residual R(α, β) = (α − 4(s* − 3s̄), β − 8ū). The specification suggested a finite-difference
/// Jacobian; here it is analytic and comes from the same O(d) pass as the residual (the leaped state is affine in β, and the
/// α-derivatives of the per-coordinate coefficients are cheap), which halves the passes per iteration. The converged iteration's
/// pass also yields the leaped state, so a leap costs one pass per Newton iteration and no more. Allocates nothing.
/// </para>
/// </summary>
internal static class SelfConsistentLeap
{
    /// <summary>
    /// Solves for (α, β), with s̄ weighting the end state by <paramref name="endWeight"/> θ, starting from the guess in <paramref name="alpha"/>, <paramref name="beta"/>, then
    /// writes the leaped state to <paramref name="w"/> and its overlaps to <paramref name="overlaps"/>.
    /// Returns false (leaving every argument but <paramref name="scratch"/> untouched) when Newton does not converge or a value is not finite.
    /// Each Newton iteration costs one O(d) pass, which also leaves its leaped state in <paramref name="scratch"/> (length d): Newton
    /// stops when its update is below <paramref name="tolerance"/>, and the state just evaluated is then the leap's (its scalars are
    /// self-consistent to that update), so no pass is spent re-applying the leap.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static bool TryLeap<T>(T coefficients, ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, double sStar, double endWeight,
        double tolerance, int maxIterations, Span<double> w, Span<double> scratch, ref Overlaps overlaps, ref double alpha, ref double beta)
        where T : struct, ILeapCoefficients
    {
        double s0 = overlaps.S, u0 = overlaps.U, a = alpha, b = beta;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            Evaluate(coefficients, lambda, teacher, w, a, b, scratch, out var end);
            double r1 = a - 4 * (sStar - 3 * ((1 - endWeight) * s0 + endWeight * end.S));
            double r2 = b - 8 * ((1 - endWeight) * u0 + endWeight * end.U);
            double j11 = 1 + 12 * endWeight * end.DsDalpha, j12 = 12 * endWeight * end.DsDbeta;
            double j21 = -8 * endWeight * end.DuDalpha, j22 = 1 - 8 * endWeight * end.DuDbeta;
            double det = j11 * j22 - j12 * j21;
            double da = -(r1 * j22 - j12 * r2) / det;
            double db = -(j11 * r2 - j21 * r1) / det;
            if (!double.IsFinite(da) || !double.IsFinite(db)) return false;
            if (Math.Abs(da) <= tolerance * Math.Max(1, Math.Abs(a + da)) && Math.Abs(db) <= tolerance * Math.Max(1, Math.Abs(b + db)))
            {
                // da and db are finite, so the evaluated state and its sums are too.
                scratch[..w.Length].CopyTo(w);
                overlaps = new Overlaps(end.S, end.U, end.S2, end.U2);
                alpha = a;
                beta = b;
                return true;
            }
            a += da;
            b += db;
        }
        return false;
    }

    /// <summary>Applies the leap with the given scalars and returns the overlaps of the new state, in one pass.</summary>
    public static void Apply<T>(T coefficients, ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, Span<double> w,
        double alpha, double beta, out Overlaps overlaps)
        where T : struct, ILeapCoefficients
    {
        // The evaluation pass in place (it reads each coordinate before writing it); its derivative sums go unused.
        Evaluate(coefficients, lambda, teacher, w, alpha, beta, w, out EndState end);
        overlaps = new Overlaps(end.S, end.U, end.S2, end.U2);
    }

    /// <summary>
    /// The leaped state into <paramref name="next"/>, its s, u, s^(2), u^(2) and the derivatives of s and u in α and β.
    /// <paramref name="next"/> may be <paramref name="w"/> itself; otherwise w is not modified.
    /// </summary>
    private static void Evaluate<T>(T coefficients, ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, ReadOnlySpan<double> w,
        double alpha, double beta, Span<double> next, out EndState end)
        where T : struct, ILeapCoefficients
    {
        EvaluationSums sums = default;
        int i = 0;
        // The JIT removes these tests for every T but its own.
        if (typeof(T) == typeof(FlowCoefficients))
            i = LeapVectorized.Evaluate(new FlowVectorCoefficients(((FlowCoefficients)(object)coefficients).H), lambda, teacher, w, alpha, beta, next, out sums);
        else if (typeof(T) == typeof(GdCoefficients))
            i = LeapVectorized.Evaluate(Vectorized((GdCoefficients)(object)coefficients), lambda, teacher, w, alpha, beta, next, out sums);
        var (s, u, s2, u2, dsa, dsb, dua, dub) = sums;
        for (; i < w.Length; i++)
        {
            coefficients.Compute(lambda[i], alpha, out double growth, out double drive, out double growthSlope, out double driveSlope);
            double t = teacher[i], l = lambda[i], wi = w[i];
            double byBeta = drive * t;
            double ni = growth * wi + beta * byBeta; // β·(drive·t), as the vector pass rounds it
            next[i] = ni;
            double byAlpha = growthSlope * wi + beta * driveSlope * t;
            double ln = l * ni, lln = l * ln;
            s += ln * ni;
            u += ln * t;
            s2 += lln * ni;
            u2 += lln * t;
            dsa += ln * byAlpha;
            dsb += ln * byBeta;
            dua += l * t * byAlpha;
            dub += l * t * byBeta;
        }
        end = new EndState(s, u, s2, u2, 2 * dsa, 2 * dsb, dua, dub);
    }

    private static GdVectorCoefficients Vectorized(GdCoefficients coefficients) => new(coefficients.Eta, coefficients.Steps);

    private readonly record struct EndState(double S, double U, double S2, double U2, double DsDalpha, double DsDbeta, double DuDalpha, double DuDbeta);
}
