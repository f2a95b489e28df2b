using System.Numerics.Tensors;
using FastPR.Native;

namespace FastPR.Core;

/// <summary>
/// Explicit minibatch SGD (docs/MODEL.md §3.1), same algorithm and buffer layout as <see cref="ReferenceSgdEngine"/>:
/// <list type="number">
/// <item>draw the B label-noise values (σ &gt; 0) and the B×d normals G from the source;</item>
/// <item>z = G·Q^½w and z* = G·Q^½w* on each cached row block;</item>
/// <item>r_b = 4(z_b² − z*_b² − σξ_b)·z_b;</item>
/// <item>w ← w − (η/B)·Q^½(Gᵀr).</item>
/// </list>
/// <see cref="Step"/> draws G in row blocks of about <see cref="BlockBytes"/> and consumes each block while it is in cache.
/// A block costs two fused sweeps (<see cref="ExplicitKernels"/>): one for both dot products per row, one that accumulates
/// Gᵀr and, on the last block, updates w; Q^½ only ever scales d-vectors. At B = 1 this replaces five passes and three MKL
/// calls by two sweeps. From d = <see cref="GemvMinDimension"/> on, double data uses MKL's dgemv instead (three per
/// block), where measurement says it wins: there the sweeps' d-vectors no longer fit in L2 beside the block.
/// <para>
/// <b>Float data</b> (<see cref="DataPrecision.Single"/>): G is drawn in float from an <see cref="IFloatGaussianSource"/>
/// (so is the label noise) and widened as it is read; w, z, r and every sum stay double. <see cref="Update"/> rounds the
/// given normals to float first, so it equals <see cref="Step"/> on the same stream.
/// </para>
/// Allocates nothing per step.
/// </summary>
public sealed class MklSgdEngine : SgdEngine
{
    /// <summary>Target size of one row block of G (fits L2 with room for the d-vectors).</summary>
    public const int BlockBytes = 256 * 1024;

    /// <summary>
    /// Smallest d at which the three dgemv replace the fused sweeps for double data. One BenchmarkDotNet run (BENCHMARKS.md):
    /// the update alone took 0.54 µs fused against 1.02 µs with dgemv at (1000, 1), 138 against 163 µs at (4096, 64), but
    /// 106 against 58 µs at (16384, 8).
    /// </summary>
    public const int GemvMinDimension = 8192;

    private readonly DataPrecision _data;
    private readonly bool _useGemv;
    private readonly double[] _projections; // 2×d: row 0 = Q^½w (per step, gemv path only), row 1 = Q^½w* (fixed)
    private readonly double[] _z;           // per block of R rows: z (R), then z* (R)
    private readonly double[] _residual;    // r, length B
    private readonly double[] _gtr;         // Gᵀr so far, length d
    private readonly double[] _stepScale;   // −(η/B)·√λ_i
    private readonly double[] _noise;       // ξ, length B (σ > 0)
    private readonly float[] _noiseSingle;  // ξ drawn in float
    private readonly double[] _block;       // one row block of G (double data)
    private readonly float[] _blockSingle;  // one row block of G (float data)
    private readonly int _blockRows;

    /// <summary>Creates the engine on double data; it owns <paramref name="source"/>. Throws <see cref="MklNotFoundException"/> without MKL.</summary>
    public MklSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source)
        : this(problem, settings, source, DataPrecision.Double) { }

    /// <summary>
    /// Creates the engine; with <see cref="DataPrecision.Single"/> the source must be an <see cref="IFloatGaussianSource"/>.
    /// It owns <paramref name="source"/>. Throws <see cref="MklNotFoundException"/> without MKL.
    /// </summary>
    public MklSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source, DataPrecision data)
        : this(problem, settings, source, data, useGemv: null) { }

    /// <summary>As above; <paramref name="useGemv"/> forces the dgemv path on or off (benchmarks compare the two).</summary>
    internal MklSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source, DataPrecision data, bool? useGemv)
        : base(problem, settings, source, ExplicitMinibatch.GaussiansPerStep(problem, settings.BatchSize))
    {
        MklLibrary.EnsureLoaded();
        if (!Enum.IsDefined(data)) throw new ArgumentOutOfRangeException(nameof(data), data, "Unknown data precision.");
        if (data == DataPrecision.Single && source is not IFloatGaussianSource)
            throw new ArgumentException($"Float data needs a source that draws floats ({nameof(IFloatGaussianSource)}); {source.Name} does not.", nameof(source));
        _data = data;
        int d = problem.Dimension, batch = settings.BatchSize;
        int elementSize = data == DataPrecision.Single ? sizeof(float) : sizeof(double);
        _blockRows = Math.Clamp(BlockBytes / (elementSize * d), 1, batch);
        _useGemv = data == DataPrecision.Double && (useGemv ?? d >= GemvMinDimension);
        _projections = new double[2 * d];
        problem.SqrtQTeacher.CopyTo(_projections.AsSpan(d));
        _z = new double[2 * _blockRows];
        _residual = new double[batch];
        _gtr = new double[d];
        _stepScale = new double[d];
        TensorPrimitives.Multiply(problem.Spectrum.SqrtLambda, -settings.LearningRate / batch, _stepScale);
        _noise = new double[ExplicitMinibatch.NoiseCount(problem, batch)];
        _noiseSingle = new float[data == DataPrecision.Single ? _noise.Length : 0];
        _block = new double[data == DataPrecision.Double ? _blockRows * d : 0];
        _blockSingle = new float[data == DataPrecision.Single ? _blockRows * d : 0];
    }

    /// <inheritdoc />
    public override string Name => _data == DataPrecision.Single ? "mkl-float" : "mkl";

    /// <summary>Precision of G and x.</summary>
    public DataPrecision Data => _data;

    /// <inheritdoc />
    public override void Update(Span<double> w, ReadOnlySpan<double> gaussians)
    {
        CheckUpdateArguments(w, gaussians);
        if (_useGemv) BeginGemvStep(w);
        ReadOnlySpan<double> noise = ExplicitMinibatch.LabelNoise(gaussians, Problem, BatchSize);
        ReadOnlySpan<double> g = ExplicitMinibatch.Data(gaussians, Problem, BatchSize);
        if (_data == DataPrecision.Single)
        {
            for (int b = 0; b < noise.Length; b++) _noise[b] = (float)noise[b];
            noise = _noise;
        }
        int d = Problem.Dimension;
        for (int first = 0; first < BatchSize; first += _blockRows)
        {
            int rows = Math.Min(_blockRows, BatchSize - first);
            ReadOnlySpan<double> block = g.Slice(first * d, rows * d);
            if (_data == DataPrecision.Single)
            {
                Span<float> single = _blockSingle.AsSpan(0, rows * d);
                for (int i = 0; i < single.Length; i++) single[i] = (float)block[i];
                AccumulateBlock<float>(single, noise, first, rows, w);
            }
            else AccumulateBlock(block, noise, first, rows, w);
        }
        if (_useGemv) FinishGemvStep(w);
    }

    /// <summary>Draws and consumes G block by block: the same stream, in the same order, as <see cref="Update"/>.</summary>
    public override void Step(Span<double> w)
    {
        Guard.Length(w.Length, Problem.Dimension, nameof(w));
        if (_useGemv) BeginGemvStep(w);
        int d = Problem.Dimension;
        if (_data == DataPrecision.Single)
        {
            var source = (IFloatGaussianSource)Source;
            source.Fill(_noiseSingle);
            for (int b = 0; b < _noise.Length; b++) _noise[b] = _noiseSingle[b];
            for (int first = 0; first < BatchSize; first += _blockRows)
            {
                int rows = Math.Min(_blockRows, BatchSize - first);
                Span<float> block = _blockSingle.AsSpan(0, rows * d);
                source.Fill(block);
                AccumulateBlock<float>(block, _noise, first, rows, w);
            }
            return;
        }
        Source.Fill(_noise);
        for (int first = 0; first < BatchSize; first += _blockRows)
        {
            int rows = Math.Min(_blockRows, BatchSize - first);
            Span<double> block = _block.AsSpan(0, rows * d);
            Source.Fill(block);
            AccumulateBlock<double>(block, _noise, first, rows, w);
        }
        if (_useGemv) FinishGemvStep(w);
    }

    /// <summary>Rows [first, first + rows) of G: their residuals, added into Gᵀr; the last block also updates w.</summary>
    private void AccumulateBlock<T>(ReadOnlySpan<T> g, ReadOnlySpan<double> noise, int first, int rows, Span<double> w) where T : unmanaged
    {
        int d = Problem.Dimension;
        Span<double> z = _z.AsSpan(0, rows), zStar = _z.AsSpan(rows, rows);
        Span<double> r = _residual.AsSpan(first, rows);
        bool last = first + rows == BatchSize;
        ReadOnlySpan<double> teacher = _projections.AsSpan(d, d);
        if (_useGemv)
        {
            // Two gemv on the cached block beat one n = 2 gemm: MKL's dgemm runs at ~0.5 ns/element for a 2-column
            // right-hand side, dgemv at ~0.15 (measured on a Xeon on a cached 8×4096 block).
            ReadOnlySpan<double> gd = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(g);
            Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.NoTrans, rows, d, 1.0, gd, d, _projections.AsSpan(0, d), 0.0, z);
            Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.NoTrans, rows, d, 1.0, gd, d, teacher, 0.0, zStar);
            Residuals(z, zStar, noise, first, r);
            Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.Trans, rows, d, 1.0, gd, d, r, first == 0 ? 0.0 : 1.0, _gtr);
            return;
        }
        ExplicitKernels.Project(g, rows, Problem.Spectrum.SqrtLambda, w, teacher, z, zStar);
        Residuals(z, zStar, noise, first, r);
        ExplicitKernels.Accumulate(g, rows, r, _gtr, first == 0, last, _stepScale, w);
    }

    private void Residuals(ReadOnlySpan<double> z, ReadOnlySpan<double> zStar, ReadOnlySpan<double> noise, int first, Span<double> r)
    {
        double sigma = Problem.Sigma;
        for (int b = 0; b < r.Length; b++)
        {
            double zb = z[b], zs = zStar[b];
            double y = zs * zs + (noise.IsEmpty ? 0 : sigma * noise[first + b]);
            r[b] = 4 * (zb * zb - y) * zb;
        }
    }

    private void BeginGemvStep(ReadOnlySpan<double> w) =>
        TensorPrimitives.Multiply(Problem.Spectrum.SqrtLambda, w, _projections.AsSpan(0, Problem.Dimension));

    private void FinishGemvStep(Span<double> w) => TensorPrimitives.FusedMultiplyAdd(_gtr, _stepScale, w, w);
}
