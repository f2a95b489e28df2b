namespace FastPR.Core;

/// <summary>
/// Accurate elementary and special functions the theory needs. .NET's <c>double.ExpM1</c> and <c>double.LogP1</c>
/// are computed as <c>Exp(x) − 1</c> and <c>Log(x + 1)</c> (checked on .NET 10: 8·10⁻⁸ relative error at x = 10⁻¹⁰), so they are not used.
/// Exponentials, logarithms, powers and sines go through <see cref="DeterministicMath"/>, so the values are the same on every platform.
/// </summary>
internal static class SpecialFunctions
{
    /// <summary>Below this |x| the Taylor series of φ(x) = (eˣ − 1)/x is used; above it eˣ − 1 loses at most about one bit.</summary>
    internal const double ExpRelativeSeriesLimit = 0.5;

    /// <summary>
    /// φ(x) = (eˣ − 1)/x with φ(0) = 1: the factor that turns the exponential leap's (e^{λαh} − 1)/α into λh·φ(λαh)
    /// without dividing by a vanishing α. Relative error of a few ulp for all x; +∞ once eˣ overflows.
    /// </summary>
    public static double ExpRelative(double x) => ExpRelative(x, DeterministicMath.Exp(x));

    /// <summary><see cref="ExpRelative(double)"/> given eˣ, which the leap kernels need anyway.</summary>
    internal static double ExpRelative(double x, double expX) =>
        // For |x| ≥ 1/2, eˣ − 1 loses at most about one bit, so the direct quotient is accurate.
        Math.Abs(x) < ExpRelativeSeriesLimit ? ExpRelativeSeries(x) : (expX - 1) / x;

    /// <summary>ln(1 + x)/x with value 1 at x = 0, for x &gt; −1.</summary>
    public static double Log1pRelative(double x)
    {
        double y = 1 + x;
        if (y == 1) return 1 - x / 2;
        return DeterministicMath.Log(y) / (y - 1);
    }

    /// <summary>
    /// Γ(x) for real x that is not a non-positive integer: Lanczos approximation (g = 7, 9 terms, relative error about 10⁻¹⁵)
    /// with the reflection formula Γ(x)Γ(1 − x) = π/sin(πx) below 1/2. NaN at the poles.
    /// </summary>
    public static double Gamma(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0 && x == Math.Floor(x)) return double.NaN;
        if (x < 0.5) return Math.PI / (DeterministicMath.SinPi(x) * Gamma(1 - x));
        if (x > 171.7) return double.PositiveInfinity;
        x -= 1;
        double sum = LanczosCoefficients[0];
        for (int k = 1; k < LanczosCoefficients.Length; k++) sum += LanczosCoefficients[k] / (x + k);
        double t = x + LanczosG + 0.5;
        // Split t^(x+½) so that large x does not overflow before e^(−t) is applied.
        double half = DeterministicMath.Pow(t, (x + 0.5) / 2);
        return Math.Sqrt(2 * Math.PI) * half * (half * DeterministicMath.Exp(-t)) * sum;
    }

    private const double LanczosG = 7;

    // The classical g = 7, n = 9 Lanczos coefficients (as tabulated by Godfrey).
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>
    /// φ(x) = Σ_{k=0}^{15} x^k/(k+1)! for |x| &lt; 1/2 (truncation below 10⁻¹⁹), by Estrin's scheme: the leap solvers call it
    /// for most coordinates of every pass, and a 16-term Horner chain is latency-bound.
    /// </summary>
    internal static double ExpRelativeSeries(double x)
    {
        double x2 = x * x, x4 = x2 * x2, x8 = x4 * x4;
        double q0 = (C0 + C1 * x) + x2 * (C2 + C3 * x);
        double q1 = (C4 + C5 * x) + x2 * (C6 + C7 * x);
        double q2 = (C8 + C9 * x) + x2 * (C10 + C11 * x);
        double q3 = (C12 + C13 * x) + x2 * (C14 + C15 * x);
        return (q0 + x4 * q1) + x8 * (q2 + x4 * q3);
    }

    /// <summary>
    /// eˣ, with φ(x) = (eˣ − 1)/x in <paramref name="phi"/> and, for |x| &lt; 1/2, ψ(x) = (φ − 1)/x in <paramref name="psi"/> (NaN above).
    /// Below 1/2 all three come from one series (φ = 1 + xψ, eˣ = 1 + xφ) without cancellation, an exponential or a division.
    /// The leap kernels' per-coordinate coefficients start here.
    /// </summary>
    internal static double ExpWithRelative(double x, out double phi, out double psi)
    {
        if (Math.Abs(x) < ExpRelativeSeriesLimit)
        {
            psi = ExpRelativeShiftedSeries(x);
            phi = Math.FusedMultiplyAdd(x, psi, 1);
            return Math.FusedMultiplyAdd(x, phi, 1);
        }
        double e = DeterministicMath.Exp(x);
        psi = double.NaN;
        phi = (e - 1) / x; // eˣ − 1 loses at most about a bit here
        return e;
    }

    /// <summary>
    /// ψ(x) = (φ(x) − 1)/x = Σ_{k=0}^{14} x^k/(k+2)! for |x| &lt; 1/2 (truncation below 10⁻¹⁹), by Estrin's scheme. From it the flow
    /// leap gets φ = 1 + xψ, eˣ = 1 + xφ and φ' = φ − ψ without an exponential or a division.
    /// </summary>
    internal static double ExpRelativeShiftedSeries(double x)
    {
        double x2 = x * x, x4 = x2 * x2, x8 = x4 * x4;
        double q0 = (C1 + C2 * x) + x2 * (C3 + C4 * x);
        double q1 = (C5 + C6 * x) + x2 * (C7 + C8 * x);
        double q2 = (C9 + C10 * x) + x2 * (C11 + C12 * x);
        double q3 = (C13 + C14 * x) + x2 * C15;
        return (q0 + x4 * q1) + x8 * (q2 + x4 * q3);
    }

    // C_k = 1/(k+1)!; the vector leap kernels use them as constants (a call per coefficient, not inlined, cost it a third of its time).
    internal const double C0 = 1.0, C1 = 1.0 / 2, C2 = 1.0 / 6, C3 = 1.0 / 24, C4 = 1.0 / 120, C5 = 1.0 / 720, C6 = 1.0 / 5040,
        C7 = 1.0 / 40320, C8 = 1.0 / 362880, C9 = 1.0 / 3628800, C10 = 1.0 / 39916800, C11 = 1.0 / 479001600,
        C12 = 1.0 / 6227020800, C13 = 1.0 / 87178291200, C14 = 1.0 / 1307674368000, C15 = 1.0 / 20922789888000;
}
