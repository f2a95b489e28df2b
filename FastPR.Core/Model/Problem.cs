namespace FastPR.Core;

/// <summary>
/// One problem instance (docs/MODEL.md §1): the spectrum Q, the teacher w* = v/‖Q^½v‖ (so s* = 1), the initial point w(0)
/// and the label noise σ. Teacher and initial point come from the problem seed only (or are given in the spec), so an
/// ensemble shares one problem.
/// </summary>
public sealed class Problem
{
    private readonly double[] _teacher;
    private readonly double[] _initial;
    private readonly double[] _sqrtQTeacher;
    private readonly double[] _qTeacher;

    /// <summary>Builds the spectrum and draws the teacher and initial point from <see cref="ProblemSpec.ProblemSeed"/>, unless the spec gives them.</summary>
    public Problem(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        Spectrum = SpectrumOf(spec);
        int d = spec.Dimension;
        // Both are always drawn, so giving one of them leaves the other as the seed alone would make it.
        var draws = new double[2 * d];
        using (var source = new ManagedGaussianSource(SeedSequence.ProblemKey(spec.ProblemSeed)))
            source.Fill(draws);
        _teacher = spec.Teacher is null ? TeacherFrom(Spectrum, draws.AsSpan(0, d))
            : spec.ScaleTeacher ? TeacherFrom(Spectrum, spec.Teacher)
            : (double[])spec.Teacher.Clone();
        _initial = spec.Initial is null ? InitialFrom(spec.Init, draws.AsSpan(d, d)) : (double[])spec.Initial.Clone();
        (_sqrtQTeacher, _qTeacher) = Scaled(Spectrum, _teacher);
        SStar = TeacherEnergy(Spectrum, _teacher);
    }

    /// <summary>Builds a problem from an explicit teacher and initial point (e.g. a controlled family of teachers).</summary>
    /// <remarks>The teacher is used as given: it is not renormalised, so s* may differ from 1.</remarks>
    public Problem(ProblemSpec spec, ReadOnlySpan<double> teacher, ReadOnlySpan<double> initial)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Guard.Length(teacher.Length, spec.Dimension, nameof(teacher));
        Guard.Length(initial.Length, spec.Dimension, nameof(initial));
        Spec = spec;
        Spectrum = SpectrumOf(spec);
        _teacher = teacher.ToArray();
        _initial = initial.ToArray();
        (_sqrtQTeacher, _qTeacher) = Scaled(Spectrum, _teacher);
        SStar = TeacherEnergy(Spectrum, _teacher);
    }

    /// <summary>The specification this problem was built from.</summary>
    public ProblemSpec Spec { get; }
    /// <summary>Q.</summary>
    public Spectrum Spectrum { get; }
    /// <summary>d.</summary>
    public int Dimension => Spectrum.Dimension;
    /// <summary>Label-noise standard deviation σ.</summary>
    public double Sigma => Spec.Sigma;
    /// <summary>w*.</summary>
    public ReadOnlySpan<double> Teacher => _teacher;
    /// <summary>Q^½ w*, precomputed because every engine needs it.</summary>
    public ReadOnlySpan<double> SqrtQTeacher => _sqrtQTeacher;
    /// <summary>Q w*.</summary>
    public ReadOnlySpan<double> QTeacher => _qTeacher;
    /// <summary>s* = w*ᵀQw*, computed once (1 up to rounding for a drawn teacher; as given for an explicit one).</summary>
    public double SStar { get; }
    /// <summary>w(0). Copy it into your own buffer before running.</summary>
    public ReadOnlySpan<double> InitialPoint => _initial;
    /// <summary>σ*² = ‖w*‖²/d, the MSE of the zero predictor's plateau.</summary>
    public double SigmaStarSquared
    {
        get
        {
            double sum = 0;
            foreach (double x in _teacher) sum += x * x;
            return sum / Dimension;
        }
    }

    /// <summary>A fresh copy of w(0).</summary>
    public double[] CopyInitialPoint() => (double[])_initial.Clone();

    private static Spectrum SpectrumOf(ProblemSpec spec) =>
        spec.Eigenvalues is null ? Spectrum.PowerLaw(spec.Dimension, spec.Exponent, spec.Normalized) : Spectrum.FromEigenvalues(spec.Eigenvalues);

    /// <summary>v/‖Q^½v‖, so that s* = 1.</summary>
    private static double[] TeacherFrom(Spectrum spectrum, ReadOnlySpan<double> v)
    {
        double norm2 = 0;
        for (int i = 0; i < v.Length; i++) norm2 += spectrum.Lambda[i] * v[i] * v[i];
        if (!(norm2 > 0) || !double.IsFinite(norm2))
        {
            // A zero teacher is the teacher's fault; a non-zero one whose s* = Σλ_i v_i² leaves the double range is both inputs'.
            bool zero = true;
            foreach (double x in v) zero &= x == 0;
            throw new ArgumentException(zero ? "The teacher must be non-zero to be scaled to s* = 1."
                : $"s* = Σ λ_i w*_i² of this teacher and spectrum is {norm2:G3}, outside the double range, so it cannot be scaled to s* = 1; rescale the teacher or the eigenvalues.", "teacher");
        }
        double inv = 1.0 / Math.Sqrt(norm2);
        var teacher = new double[v.Length];
        for (int i = 0; i < v.Length; i++) teacher[i] = v[i] * inv;
        return teacher;
    }

    private static double TeacherEnergy(Spectrum spectrum, ReadOnlySpan<double> teacher)
    {
        double sStar = 0;
        for (int i = 0; i < teacher.Length; i++) sStar += spectrum.Lambda[i] * (teacher[i] * teacher[i]);
        return sStar;
    }

    private static double[] InitialFrom(InitialPoint init, ReadOnlySpan<double> g)
    {
        double scale;
        if (init == Core.InitialPoint.Sphere)
        {
            double norm2 = 0;
            foreach (double x in g) norm2 += x * x;
            scale = 1.0 / Math.Sqrt(norm2);
        }
        else
        {
            scale = 1.0 / Math.Sqrt(g.Length);
        }
        var w = new double[g.Length];
        for (int i = 0; i < g.Length; i++) w[i] = g[i] * scale;
        return w;
    }

    private static (double[] SqrtQ, double[] Q) Scaled(Spectrum spectrum, double[] teacher)
    {
        var sqrtQ = new double[teacher.Length];
        var q = new double[teacher.Length];
        for (int i = 0; i < teacher.Length; i++)
        {
            sqrtQ[i] = spectrum.SqrtLambda[i] * teacher[i];
            q[i] = spectrum.Lambda[i] * teacher[i];
        }
        return (sqrtQ, q);
    }
}
