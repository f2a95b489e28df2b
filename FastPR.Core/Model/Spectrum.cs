namespace FastPR.Core;

/// <summary>
/// The diagonal covariance Q = diag(λ_1…λ_d) (docs/MODEL.md §1): the paper's power law λ_i = i^(−a)/H_{d,a}
/// (trace-normalised, the default) or λ_i = i^(−a), or any positive eigenvalues, in any order (coordinate i of the teacher
/// and of w goes with λ_i). Quantities that only a power law has (a, H_{d,a}) are null otherwise.
/// </summary>
public sealed class Spectrum
{
    private readonly double[] _lambda;
    private readonly double[] _sqrtLambda;

    private Spectrum(double[] lambda, double? exponent, double? harmonicNumber, bool normalized)
    {
        _lambda = lambda;
        _sqrtLambda = new double[lambda.Length];
        double largest = 0, smallest = double.PositiveInfinity, trace = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            _sqrtLambda[i] = Math.Sqrt(lambda[i]);
            largest = Math.Max(largest, lambda[i]);
            smallest = Math.Min(smallest, lambda[i]);
            trace += lambda[i];
        }
        Lambda1 = largest;
        Smallest = smallest;
        Trace = trace;
        Exponent = exponent;
        HarmonicNumber = harmonicNumber;
        Normalized = normalized;
    }

    /// <summary>The power law λ_i = i^(−a)/H_{d,a} (or i^(−a) when not <paramref name="normalized"/>); d ≥ 1, a ≥ 0 and finite.</summary>
    public static Spectrum PowerLaw(int d, double a, bool normalized = true)
    {
        Guard.AtLeast(d, 1, "d");
        Guard.FiniteNonNegative(a, "a");
        var lambda = new double[d];
        for (int i = 0; i < d; i++) lambda[i] = DeterministicMath.Pow(i + 1, -a);
        // Sum smallest terms first so H is accurate to the last bit for large d.
        double h = 0;
        for (int i = d - 1; i >= 0; i--) h += lambda[i];
        double scale = normalized ? 1.0 / h : 1.0;
        for (int i = 0; i < d; i++) lambda[i] *= scale;
        return new Spectrum(lambda, a, h, normalized);
    }

    /// <summary>Any covariance eigenvalues, in any order; each must be finite and &gt; 0, and there must be at least one.</summary>
    /// <exception cref="ArgumentException">Empty, or an eigenvalue is not finite and positive (ParamName "eigenvalues").</exception>
    public static Spectrum FromEigenvalues(ReadOnlySpan<double> eigenvalues)
    {
        if (eigenvalues.IsEmpty) throw new ArgumentException("At least one eigenvalue is required.", nameof(eigenvalues));
        for (int i = 0; i < eigenvalues.Length; i++)
        {
            if (!(eigenvalues[i] > 0) || !double.IsFinite(eigenvalues[i]))
                throw new ArgumentException($"Eigenvalue {i + 1} is {eigenvalues[i]}; every eigenvalue must be finite and > 0.", nameof(eigenvalues));
        }
        return new Spectrum(eigenvalues.ToArray(), null, null, false);
    }

    /// <summary>d.</summary>
    public int Dimension => _lambda.Length;
    /// <summary>The power law's exponent a, or null for another spectrum.</summary>
    public double? Exponent { get; }
    /// <summary>Whether a power law was trace-normalised (false for eigenvalues given as they are).</summary>
    public bool Normalized { get; }
    /// <summary>H_{d,a} = Σ_{j≤d} j^(−a) for a power law, else null.</summary>
    public double? HarmonicNumber { get; }
    /// <summary>Whether this is the paper's power law (a and H_{d,a} are defined).</summary>
    public bool IsPowerLaw => Exponent is not null;
    /// <summary>The largest eigenvalue (λ_1 of the power law).</summary>
    public double Lambda1 { get; }
    /// <summary>The smallest eigenvalue (λ_d of the power law).</summary>
    public double Smallest { get; }
    /// <summary>tr Q = Σ λ_i.</summary>
    public double Trace { get; }
    /// <summary>λ_i, i = 1…d (index 0-based).</summary>
    public ReadOnlySpan<double> Lambda => _lambda;
    /// <summary>√λ_i, used to scale d-vectors instead of the B×d data matrix.</summary>
    public ReadOnlySpan<double> SqrtLambda => _sqrtLambda;
    /// <summary>
    /// The finite-d cutoff 1/(8λ_min) where the smallest directions are learned (docs/MODEL.md §4): H_{d,a}·d^a/8 for the
    /// normalised power law, d^a/8 for the unnormalised one.
    /// </summary>
    public double CutoffTime => 1.0 / (8.0 * Smallest);
}
