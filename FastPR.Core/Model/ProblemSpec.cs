namespace FastPR.Core.Model;

/// <summary>Everything that defines a problem instance: spectrum, label noise, initialisation and the problem seed.</summary>
/// <param name="Dimension">d ≥ 1.</param>
/// <param name="Exponent">Spectral exponent a ≥ 0.</param>
/// <param name="Normalized">Trace-normalised spectrum (default) or λ_i = i^(−a).</param>
/// <param name="Sigma">Label-noise standard deviation σ ≥ 0.</param>
/// <param name="Init">Initial-point distribution.</param>
/// <param name="ProblemSeed">Seed of the teacher and the initial point.</param>
public sealed record ProblemSpec(
    int Dimension,
    double Exponent,
    bool Normalized = true,
    double Sigma = 0,
    InitialPoint Init = InitialPoint.Sphere,
    ulong ProblemSeed = 0)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid parameter.</summary>
    public void Validate()
    {
        Guard.AtLeast(Dimension, 1, "d");
        Guard.FiniteNonNegative(Exponent, "a");
        Guard.FiniteNonNegative(Sigma, "sigma");
        if (!Enum.IsDefined(Init)) throw new ArgumentOutOfRangeException("init", Init, "init must be Sphere or Gaussian.");
    }
}
