namespace FastPR.Core.Model;

/// <summary>
/// The diagonal covariance Q = diag(λ_1…λ_d) with λ_i = i^(−a)/H_{d,a} (trace-normalised, the default)
/// or λ_i = i^(−a) (unnormalised). docs/MODEL.md §1.
/// </summary>
public sealed class PowerLawSpectrum
{
    private readonly double[] _lambda;
    private readonly double[] _sqrtLambda;

    /// <summary>Builds the spectrum; d ≥ 1, a ≥ 0 and finite.</summary>
    public PowerLawSpectrum(int d, double a, bool normalized = true)
    {
        Guard.AtLeast(d, 1, "d");
        Guard.FiniteNonNegative(a, "a");
        Dimension = d;
        Exponent = a;
        Normalized = normalized;
        // Sum smallest terms first so H is accurate to the last bit for large d.
        double h = 0;
        for (int i = d; i >= 1; i--) h += Math.Pow(i, -a);
        HarmonicNumber = h;
        double scale = normalized ? 1.0 / h : 1.0;
        _lambda = new double[d];
        _sqrtLambda = new double[d];
        for (int i = 0; i < d; i++)
        {
            _lambda[i] = Math.Pow(i + 1, -a) * scale;
            _sqrtLambda[i] = Math.Sqrt(_lambda[i]);
        }
    }

    /// <summary>d.</summary>
    public int Dimension { get; }
    /// <summary>a.</summary>
    public double Exponent { get; }
    /// <summary>Whether tr Q = 1.</summary>
    public bool Normalized { get; }
    /// <summary>H_{d,a} = Σ_{j≤d} j^(−a).</summary>
    public double HarmonicNumber { get; }
    /// <summary>λ_1, the largest eigenvalue.</summary>
    public double Lambda1 => _lambda[0];
    /// <summary>λ_i, i = 1…d (index 0-based).</summary>
    public ReadOnlySpan<double> Lambda => _lambda;
    /// <summary>√λ_i, used to scale d-vectors instead of the B×d data matrix.</summary>
    public ReadOnlySpan<double> SqrtLambda => _sqrtLambda;
    /// <summary>
    /// The finite-d cutoff 1/(8λ_d) where the smallest directions are learned (docs/MODEL.md §4): H_{d,a}·d^a/8 for the normalised
    /// spectrum, d^a/8 for the unnormalised one.
    /// </summary>
    public double CutoffTime => 1.0 / (8.0 * _lambda[^1]);
}
