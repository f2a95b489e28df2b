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
/// calls by two sweeps. A variant with three MKL dgemv per block instead of the sweeps (internal, for benchmarks and tests)
/// was the default from d = 8192 on until the sweeps read cache-aligned buffers; since then the sweeps measured faster at
/// every d from 1,000 to 100,000 on AMD Zen 4 (BENCHMARKS.md). So only that variant calls MKL: the engine itself runs, and is
/// chosen by "auto", where MKL is missing, and a run that uses it with a managed source never loads MKL.
/// <para>
/// <b>Float data</b> (<see cref="DataPrecision.Single"/>): G is drawn in float from an <see cref="IFloatGaussianSource"/>
/// (so is the label noise) and widened as it is read; w, z, r and every sum stay double. <see cref="Update(Span{double}, ReadOnlySpan{double})"/> rounds the
/// given normals to float first, so it equals <see cref="Step"/> on the same stream.
/// </para>
/// Allocates nothing per step.
/// </summary>
public sealed class MklSgdEngine : SgdEngine
{
    /// <summary>
    /// Target size of one row block of G (fits a 1 MB L2 with room for the d-vectors). On AMD Zen 4, 512 KB against 256 KB:
    /// the same at (1000, 1) and (4096, 64), 2% faster at (16384, 8) and 14% at (32768, 8), where 256 KB holds one row.
    /// </summary>
    public const int BlockBytes = 512 * 1024;

    private readonly DataPrecision _data;
    private readonly bool _useGemv;
    private readonly bool _scaleOnce; // Q^½w is formed once per step rather than in every projection sweep
    // The d-vectors and blocks the sweeps stream are cache-line aligned (CacheAligned says why).
    private readonly ArraySegment<double> _sqrtLambda;        // √λ
    private readonly ArraySegment<double> _teacherProjection; // Q^½w* (fixed)
    private readonly ArraySegment<double> _studentProjection; // Q^½w, formed once per step when B ≥ 2 (or on the gemv path)
    private readonly double[] _z;           // per block of R rows: z (R), then z* (R)
    private readonly double[] _residual;    // r, length B
    private readonly ArraySegment<double> _gtr;       // Gᵀr so far, length d
    private double _stepFactor;                       // −η/B of the current step
    private readonly ArraySegment<double> _stepScale; // −(η/B)·√λ_i (gemv path; the sweeps form it from √λ and _stepFactor)
    private readonly double[] _noise;       // ξ, length B (σ > 0)
    private readonly float[] _noiseSingle;  // ξ drawn in float
    private readonly ArraySegment<double> _block;      // one row block of G (double data)
    private readonly ArraySegment<float> _blockSingle; // one row block of G (float data)
    private readonly int _blockRows;

    /// <summary>Creates the engine on double data; it owns <paramref name="source"/>.</summary>
    public MklSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source)
        : this(problem, settings, source, DataPrecision.Double) { }

    /// <summary>
    /// Creates the engine; with <see cref="DataPrecision.Single"/> the source must be an <see cref="IFloatGaussianSource"/>.
    /// It owns <paramref name="source"/>.
    /// </summary>
    public MklSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source, DataPrecision data)
        : this(problem, settings, source, data, useGemv: false) { }

    /// <summary>
    /// As above; <paramref name="useGemv"/> takes the dgemv path for double data (benchmarks compare the two), which loads MKL and
    /// throws <see cref="MklNotFoundException"/> without it.
    /// </summary>
    internal MklSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source, DataPrecision data, bool useGemv)
        : base(problem, settings, source, ExplicitMinibatch.GaussiansPerStep(problem, settings.BatchSize))
    {
        if (!Enum.IsDefined(data)) throw new ArgumentOutOfRangeException(nameof(data), data, "Unknown data precision.");
        if (data == DataPrecision.Single && source is not IFloatGaussianSource)
            throw new ArgumentException($"Float data needs a source that draws floats ({nameof(IFloatGaussianSource)}); {source.Name} does not.", nameof(source));
        _data = data;
        int d = problem.Dimension, batch = settings.BatchSize;
        int elementSize = data == DataPrecision.Single ? sizeof(float) : sizeof(double);
        _blockRows = Math.Clamp(BlockBytes / (elementSize * d), 1, batch);
        _useGemv = data == DataPrecision.Double && useGemv;
        if (_useGemv) MklLibrary.EnsureLoaded();
        _sqrtLambda = CacheAligned.Copy(problem.Spectrum.SqrtLambda);
        _teacherProjection = CacheAligned.Copy(problem.SqrtQTeacher);
        _scaleOnce = _useGemv || batch >= 2;
        _studentProjection = CacheAligned.Allocate<double>(_scaleOnce ? d : 0);
        _z = new double[2 * _blockRows];
        _residual = new double[batch];
        _gtr = CacheAligned.Allocate<double>(d);
        _stepFactor = -settings.LearningRate / batch;
        _stepScale = CacheAligned.Allocate<double>(_useGemv ? d : 0);
        if (_useGemv) TensorPrimitives.Multiply(problem.Spectrum.SqrtLambda, _stepFactor, _stepScale);
        _noise = new double[ExplicitMinibatch.NoiseCount(problem, batch)];
        _noiseSingle = new float[data == DataPrecision.Single ? _noise.Length : 0];
        _block = CacheAligned.Allocate<double>(data == DataPrecision.Double ? _blockRows * d : 0);
        _blockSingle = CacheAligned.Allocate<float>(data == DataPrecision.Single ? _blockRows * d : 0);
    }

    /// <inheritdoc />
    public override string Name => _data == DataPrecision.Single ? "mkl-float" : "mkl";

    /// <summary>Precision of G and x.</summary>
    public DataPrecision Data => _data;

    /// <inheritdoc />
    public override void Update(Span<double> w, ReadOnlySpan<double> gaussians)
    {
        CheckUpdateArguments(w, gaussians);
        if (_scaleOnce) ScaleStudent(w);
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

    /// <summary>Draws and consumes G block by block: the same stream, in the same order, as <see cref="Update(Span{double}, ReadOnlySpan{double})"/>.</summary>
    public override void Step(Span<double> w)
    {
        Guard.Length(w.Length, Problem.Dimension, nameof(w));
        if (_scaleOnce) ScaleStudent(w);
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
        if (_useGemv)
        {
            // Two gemv on the cached block beat one n = 2 gemm: MKL's dgemm runs at ~0.5 ns/element for a 2-column
            // right-hand side, dgemv at ~0.15 (measured on a Xeon on a cached 8×4096 block).
            ReadOnlySpan<double> gd = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(g);
            Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.NoTrans, rows, d, 1.0, gd, d, _studentProjection, 0.0, z);
            Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.NoTrans, rows, d, 1.0, gd, d, _teacherProjection, 0.0, zStar);
            Residuals(z, zStar, noise, first, r);
            Blas.Gemv(CblasLayout.RowMajor, CblasTranspose.Trans, rows, d, 1.0, gd, d, r, first == 0 ? 0.0 : 1.0, _gtr);
            return;
        }
        if (_scaleOnce) ExplicitKernels.Project(g, rows, default, _studentProjection, _teacherProjection, z, zStar);
        else ExplicitKernels.Project(g, rows, _sqrtLambda, w, _teacherProjection, z, zStar);
        Residuals(z, zStar, noise, first, r);
        ExplicitKernels.Accumulate(g, rows, r, _gtr, first == 0, last, _sqrtLambda, _stepFactor, w);
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

    private protected override void OnStepSizeChanged()
    {
        _stepFactor = -StepSize / BatchSize;
        if (_useGemv) TensorPrimitives.Multiply(Problem.Spectrum.SqrtLambda, _stepFactor, _stepScale);
    }

    private void ScaleStudent(ReadOnlySpan<double> w) =>
        TensorPrimitives.Multiply(_sqrtLambda, w, _studentProjection);

    private void FinishGemvStep(Span<double> w) => TensorPrimitives.FusedMultiplyAdd(_gtr, _stepScale, w, w);
}
