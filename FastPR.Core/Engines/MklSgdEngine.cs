using System.Numerics.Tensors;
using FastPR.Core.Model;
using FastPR.Core.Randomness;
using FastPR.Native;

namespace FastPR.Core.Engines;

/// <summary>
/// Explicit minibatch SGD on MKL BLAS, same algorithm and buffer layout as <see cref="ReferenceSgdEngine"/>:
/// <list type="number">
/// <item>draw the B×d normals G (and B label-noise draws) from the source;</item>
/// <item>[z, z*] = G·[Q^½w, Q^½w*]ᵀ in one gemm, so G is read once;</item>
/// <item>r_b = 4(z_b² − z*_b² − σξ_b)·z_b;</item>
/// <item>w ← w − (η/B)·Q^½(Gᵀr) with one gemv and one fused multiply-add over d.</item>
/// </list>
/// Q^½ only ever scales d-vectors, never the B×d matrix. Allocates nothing per step.
/// </summary>
public sealed class MklSgdEngine : SgdEngine
{
    private readonly double[] _projections; // 2×d row-major: row 0 = Q^½w (per step), row 1 = Q^½w* (fixed)
    private readonly double[] _z;           // B×2 row-major: [z_b, z*_b]
    private readonly double[] _residual;    // r, length B
    private readonly double[] _gtr;         // Gᵀr, length d
    private readonly double[] _stepScale;   // −(η/B)·√λ_i

    /// <summary>Creates the engine; it owns <paramref name="source"/>. Throws <see cref="MklNotFoundException"/> without MKL.</summary>
    public MklSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source)
        : base(problem, settings, source, ExplicitMinibatch.GaussiansPerStep(problem, settings.BatchSize))
    {
        MklLibrary.EnsureLoaded();
        int d = problem.Dimension;
        _projections = new double[2 * d];
        problem.SqrtQTeacher.CopyTo(_projections.AsSpan(d));
        _z = new double[2 * settings.BatchSize];
        _residual = new double[settings.BatchSize];
        _gtr = new double[d];
        _stepScale = new double[d];
        TensorPrimitives.Multiply(problem.Spectrum.SqrtLambda, -settings.LearningRate / settings.BatchSize, _stepScale);
    }

    /// <inheritdoc />
    public override string Name => "mkl";

    /// <inheritdoc />
    public override void Update(Span<double> w, ReadOnlySpan<double> gaussians)
    {
        CheckUpdateArguments(w, gaussians);
        int d = Problem.Dimension, batch = BatchSize;
        ReadOnlySpan<double> g = ExplicitMinibatch.Data(gaussians, Problem, batch);
        ReadOnlySpan<double> noise = ExplicitMinibatch.LabelNoise(gaussians, Problem, batch);

        TensorPrimitives.Multiply(Problem.Spectrum.SqrtLambda, w, _projections.AsSpan(0, d));
        Blas.Gemm(CblasLayout.RowMajor, CblasTranspose.NoTrans, CblasTranspose.Trans,
            batch, 2, d, 1.0, g, d, _projections, d, 0.0, _z, 2);

        double sigma = Problem.Sigma;
        for (int b = 0; b < batch; b++)
        {
            double z = _z[2 * b], zStar = _z[2 * b + 1];
            double y = zStar * zStar + (noise.IsEmpty ? 0 : sigma * noise[b]);
            _residual[b] = 4 * (z * z - y) * z;
        }

        Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.Trans, batch, d, 1.0, g, d, _residual, 0.0, _gtr);
        TensorPrimitives.FusedMultiplyAdd(_gtr, _stepScale, w, w);
    }
}
