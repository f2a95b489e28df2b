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
        if (Eigenvalues is not null)
        {
            Guard.Length(Eigenvalues.Length, Dimension, "eigenvalues");
            Spectrum.FromEigenvalues(Eigenvalues); // throws naming the first bad eigenvalue
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
        }
    }
}
