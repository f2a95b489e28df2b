namespace FastPR.Core;

/// <summary>
/// Everything that defines a problem instance: the spectrum, label noise, initialisation and the problem seed. By default
/// the spectrum is the power law (d, a) and the teacher and initial point are drawn from the problem seed; set
/// <see cref="Eigenvalues"/>, <see cref="Teacher"/> or <see cref="Initial"/> to give any of them yourself.
/// </summary>
/// <param name="Dimension">d ≥ 1 (the number of <see cref="Eigenvalues"/> when they are given).</param>
/// <param name="Exponent">Spectral exponent a ≥ 0 of the power law (unused when <see cref="Eigenvalues"/> are given).</param>
/// <param name="Normalized">Trace-normalised power law (default) or λ_i = i^(−a).</param>
/// <param name="Sigma">Label-noise standard deviation σ ≥ 0.</param>
/// <param name="Init">Initial-point distribution (unused when <see cref="Initial"/> is given).</param>
/// <param name="ProblemSeed">Seed of the teacher and the initial point.</param>
public sealed record ProblemSpec(
    int Dimension,
    double Exponent,
    bool Normalized = true,
    double Sigma = 0,
    InitialPoint Init = InitialPoint.Sphere,
    ulong ProblemSeed = 0)
{
    /// <summary>The covariance eigenvalues, in any order, instead of the power law; each finite and &gt; 0.</summary>
    public double[]? Eigenvalues { get; init; }

    /// <summary>The teacher w* instead of a drawn one; scaled to s* = w*ᵀQw* = 1 unless <see cref="ScaleTeacher"/> is false.</summary>
    public double[]? Teacher { get; init; }

    /// <summary>Whether a given <see cref="Teacher"/> is scaled so that s* = 1 (the default), as a drawn teacher is.</summary>
    public bool ScaleTeacher { get; init; } = true;

    /// <summary>The initial point w(0) instead of a drawn one, used as given.</summary>
    public double[]? Initial { get; init; }

    // Beyond this, squares and products of the model's quantities leave the double range.
    private const double MaxMagnitude = 1e100;

    /// <summary>A problem on the given eigenvalues (any order), with the other settings at their defaults.</summary>
    public static ProblemSpec ForEigenvalues(double[] eigenvalues, double sigma = 0, InitialPoint init = InitialPoint.Sphere, ulong problemSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        return new ProblemSpec(eigenvalues.Length, 0, false, sigma, init, problemSeed) { Eigenvalues = eigenvalues };
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid parameter.</summary>
    public void Validate()
    {
        Guard.AtLeast(Dimension, 1, nameof(Dimension));
        Guard.FiniteNonNegative(Exponent, nameof(Exponent));
        Guard.FiniteNonNegative(Sigma, nameof(Sigma));
        if (!Enum.IsDefined(Init)) throw new ArgumentOutOfRangeException(nameof(Init), Init, "init must be Sphere or Gaussian.");
        if (Sigma > MaxMagnitude) throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, $"sigma must be at most 1e100 (got {Sigma}).");
        if (Eigenvalues is not null)
        {
            Guard.Length(Eigenvalues.Length, Dimension, "eigenvalues");
            Spectrum.FromEigenvalues(Eigenvalues); // throws naming the first bad eigenvalue
            for (int i = 0; i < Eigenvalues.Length; i++)
            {
                if (Eigenvalues[i] < 1 / MaxMagnitude || Eigenvalues[i] > MaxMagnitude)
                    throw new ArgumentException($"Eigenvalue {i + 1} is {Eigenvalues[i]}; eigenvalues must lie in [1e-100, 1e100], so that their squares and products stay in the double range.", "eigenvalues");
            }
        }
        else if (Exponent * DeterministicMath.Log10(Dimension) > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Exponent), Exponent,
                $"a·log10(d) must be at most 100 (got {Exponent * DeterministicMath.Log10(Dimension):G4}), so that λ_d/λ_1 = d^(−a) and its square stay in the double range.");
        }
        CheckVector(Teacher, "teacher");
        CheckVector(Initial, "initial");
    }

    private void CheckVector(double[]? vector, string name)
    {
        if (vector is null) return;
        Guard.Length(vector.Length, Dimension, name);
        for (int i = 0; i < vector.Length; i++)
        {
            if (!double.IsFinite(vector[i])) throw new ArgumentException($"Coordinate {i + 1} of the {name} is {vector[i]}; it must be finite.", name);
            if (Math.Abs(vector[i]) > MaxMagnitude)
                throw new ArgumentException($"Coordinate {i + 1} of the {name} is {vector[i]}; coordinates must lie in [-1e100, 1e100], so that s and u stay in the double range.", name);
        }
    }
}
