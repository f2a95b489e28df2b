namespace FastPR.Core;

/// <summary>s, u and their second moments s^(2), u^(2) of one state: what a leap needs to start and to pick its length.</summary>
internal readonly record struct Overlaps(double S, double U, double S2, double U2)
{
    // Below these magnitudes s and u are treated as this small when forming relative rates, so a passage of u through 0
    // does not force vanishing leaps.
    private const double Floor = 1e-8;

    /// <summary>One O(d) pass over w.</summary>
    public static Overlaps Of(ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, ReadOnlySpan<double> w)
    {
        double s = 0, u = 0, s2 = 0, u2 = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double lw = lambda[i] * w[i], llw = lambda[i] * lw;
            s += lw * w[i];
            u += lw * teacher[i];
            s2 += llw * w[i];
            u2 += llw * teacher[i];
        }
        return new Overlaps(s, u, s2, u2);
    }

    /// <summary>The explicit scalars α = 4(s* − 3s), β = 8u.</summary>
    public (double Alpha, double Beta) Scalars(double sStar) => (4 * (sStar - 3 * S), 8 * U);

    /// <summary>
    /// The explicit scalars extrapolated to the middle of a flow leap of length <paramref name="h"/>, α + (h/2)α̇ and β + (h/2)β̇
    /// with α̇ = −12ṡ, β̇ = 8u̇ from the hierarchy: the trapezoidal scalars to O(h²), so Newton starts closer. The rate limit keeps
    /// h·|ṡ|/s small, so the extrapolation stays a small correction.
    /// </summary>
    public (double Alpha, double Beta) MidpointScalars(double sStar, double sStar2, double h)
    {
        var (alpha, beta) = Scalars(sStar);
        double sDot = 2 * (alpha * S2 + beta * U2), uDot = alpha * U2 + beta * sStar2;
        return (alpha - 6 * h * sDot, beta + 4 * h * uDot);
    }

    /// <summary>
    /// max(|ṡ|/s, |u̇|/|u|) under the flow, from the hierarchy ṡ = 2(α s^(2) + β u^(2)), u̇ = α u^(2) + β s*^(2) (docs/MODEL.md §3.6).
    /// The error of a self-consistent leap grows like (rate·h)², so h ≤ κ/rate bounds it.
    /// </summary>
    public double RelativeRate(double sStar, double sStar2)
    {
        var (alpha, beta) = Scalars(sStar);
        double sDot = 2 * (alpha * S2 + beta * U2), uDot = alpha * U2 + beta * sStar2;
        return RelativeRate(S, U, sDot, uDot);
    }

    /// <summary>max(|ṡ|/s, |u̇|/|u|) with s and |u| floored.</summary>
    public static double RelativeRate(double s, double u, double sDot, double uDot) =>
        Math.Max(Math.Abs(sDot) / Math.Max(Math.Abs(s), Floor), Math.Abs(uDot) / Math.Max(Math.Abs(u), Floor));
}
