using BenchmarkDotNet.Attributes;
using FastPR.Core;

namespace FastPR.Bench;

/// <summary>
/// One SGD step per invocation at each (d, B); the managed reference engine on the scalar managed source is the baseline.
/// <list type="bullet">
/// <item>Engines: reference, MKL (explicit B×d, three gemv per cached row block of G) and projected (exact in law,
/// d + 2B normals), each fed by the default VSL source; MKL and projected also by the managed SIMD source; the reference
/// by the scalar one.</item>
/// <item>Draw*: the same number of normals from the same kind of source, without the update: the step's RNG bound.
/// Step ÷ draw is the engines' performance target: ≤ 1.3, i.e. the update adds at most 30% to the draw.</item>
/// <item>*Update: the update alone on a pre-drawn buffer, so step ≈ draw + update can be read off.</item>
/// </list>
/// </summary>
/// <remarks>
/// η = 0.1/d keeps w near its start for the whole run; a step that leaves |w₀| &lt; 10³ (never seen) puts w back at w(0),
/// an O(1) check that keeps a diverged state from timing NaN arithmetic.
/// </remarks>
[MemoryDiagnoser]
[GcConcurrent(false)] // see BenchProblems: background GCs mis-charge the benchmark thread
public class SgdStepBenchmarks
{
    /// <summary>η·d.</summary>
    public const double LearningRateTimesD = 0.1;

    private Problem _problem = null!;
    private double[] _w = null!;
    private ISgdEngine _reference = null!, _referenceVsl = null!;
    private ISgdEngine _mkl = null!, _mklSimd = null!;
    private ISgdEngine _projected = null!, _projectedSimd = null!;
    private IGaussianSource _managedDraws = null!, _vslDraws = null!, _simdDraws = null!;
    private ISgdEngine _mklZiggurat = null!, _mklFloat = null!, _mklGemv = null!, _projectedZiggurat = null!;
    private ZigguratGaussianSource _zigguratDraws = null!;
    private double[] _explicitBuffer = null!, _projectedBuffer = null!;
    private float[] _explicitFloats = null!;

    /// <summary>The workload.</summary>
    [ParamsSource(nameof(Sizes))]
    public StepSize Size { get; set; }

    /// <summary>The workloads of <see cref="StepSize.All"/>.</summary>
    public static IEnumerable<StepSize> Sizes => StepSize.All;

    /// <summary>Normals one explicit step (reference, MKL) draws: B·d (σ = 0).</summary>
    public static int ExplicitGaussians(StepSize size) => size.B * size.D;

    /// <summary>Normals one projected step draws: d + 2B (σ = 0).</summary>
    public static int ProjectedGaussians(StepSize size) => size.D + 2 * size.B;

    /// <summary>Builds every engine and source once, all from the same run key; the engines own their sources.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = BenchProblems.Create(Size.D);
        _w = _problem.CopyInitialPoint();
        var settings = new SgdSettings(Size.B, LearningRateTimesD / Size.D);
        ulong key = SeedSequence.RunKey(BenchProblems.RunSeed);
        _reference = new ReferenceSgdEngine(_problem, settings, new ManagedGaussianSource(key));
        _referenceVsl = new ReferenceSgdEngine(_problem, settings, new VslGaussianSource(key));
        _mkl = new MklSgdEngine(_problem, settings, new VslGaussianSource(key));
        _mklSimd = new MklSgdEngine(_problem, settings, new SimdGaussianSource(key));
        _projected = new ProjectedSgdEngine(_problem, settings, new VslGaussianSource(key));
        _projectedSimd = new ProjectedSgdEngine(_problem, settings, new SimdGaussianSource(key));
        _mklZiggurat = new MklSgdEngine(_problem, settings, new ZigguratGaussianSource(key));
        _mklFloat = new MklSgdEngine(_problem, settings, new ZigguratGaussianSource(key), DataPrecision.Single);
        _mklGemv = new MklSgdEngine(_problem, settings, new ZigguratGaussianSource(key), DataPrecision.Double, useGemv: true);
        _projectedZiggurat = new ProjectedSgdEngine(_problem, settings, new ZigguratGaussianSource(key));
        _zigguratDraws = new ZigguratGaussianSource(key);
        _managedDraws = new ManagedGaussianSource(key);
        _vslDraws = new VslGaussianSource(key);
        _simdDraws = new SimdGaussianSource(key);
        _explicitBuffer = new double[_mkl.GaussiansPerStep];
        _projectedBuffer = new double[_projected.GaussiansPerStep];
        _explicitFloats = new float[_mkl.GaussiansPerStep];
        Check(_explicitBuffer.Length == ExplicitGaussians(Size) && _projectedBuffer.Length == ProjectedGaussians(Size));
        _vslDraws.Fill(_explicitBuffer);
        _vslDraws.Fill(_projectedBuffer);
    }

    /// <summary>Releases the engines and the native streams.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (IDisposable d in new IDisposable[] { _reference, _referenceVsl, _mkl, _mklSimd, _projected, _projectedSimd, _managedDraws, _vslDraws, _simdDraws,
            _mklZiggurat, _mklFloat, _mklGemv, _projectedZiggurat, _zigguratDraws })
            d.Dispose();
    }

    /// <summary>ReferenceSgdEngine (scalar loops) on the scalar managed Philox source: the all-managed oracle.</summary>
    [Benchmark(Baseline = true)]
    public void Reference() => Step(_reference);

    /// <summary>ReferenceSgdEngine on the default VSL source: what the reference engine costs when MKL draws for it.</summary>
    [Benchmark]
    public void ReferenceVsl() => Step(_referenceVsl);

    /// <summary>MklSgdEngine on the default VSL source.</summary>
    [Benchmark]
    public void Mkl() => Step(_mkl);

    /// <summary>MklSgdEngine on the managed SIMD source.</summary>
    [Benchmark]
    public void MklSimd() => Step(_mklSimd);

    /// <summary>ProjectedSgdEngine on the default VSL source.</summary>
    [Benchmark]
    public void Projected() => Step(_projected);

    /// <summary>ProjectedSgdEngine on the managed SIMD source.</summary>
    [Benchmark]
    public void ProjectedSimd() => Step(_projectedSimd);

    /// <summary>MklSgdEngine on the ziggurat source (the default source).</summary>
    [Benchmark]
    public void MklZiggurat() => Step(_mklZiggurat);

    /// <summary>MklSgdEngine on float data from the ziggurat source (double state).</summary>
    [Benchmark]
    public void MklFloat() => Step(_mklFloat);

    /// <summary>ProjectedSgdEngine on the ziggurat source.</summary>
    [Benchmark]
    public void ProjectedZiggurat() => Step(_projectedZiggurat);

    /// <summary>MklSgdEngine.Update forced onto its three-dgemv path, to compare with the fused sweeps of MklUpdate.</summary>
    [Benchmark]
    public void MklGemvUpdate() => Update(_mklGemv, _explicitBuffer);

    /// <summary>B·d double normals from the ziggurat source.</summary>
    [Benchmark]
    public void DrawZiggurat() => _zigguratDraws.Fill(_explicitBuffer);

    /// <summary>B·d float normals from the ziggurat source.</summary>
    [Benchmark]
    public void DrawZigguratFloat() => _zigguratDraws.Fill(_explicitFloats);

    /// <summary>d + 2B normals from the ziggurat source.</summary>
    [Benchmark]
    public void DrawZigguratProjected() => _zigguratDraws.Fill(_projectedBuffer);

    /// <summary>MklSgdEngine.Update alone on a pre-drawn minibatch.</summary>
    [Benchmark]
    public void MklUpdate() => Update(_mkl, _explicitBuffer);

    /// <summary>ProjectedSgdEngine.Update alone on pre-drawn normals.</summary>
    [Benchmark]
    public void ProjectedUpdate() => Update(_projected, _projectedBuffer);

    /// <summary>B·d normals from the scalar managed source: the reference step's RNG bound.</summary>
    [Benchmark]
    public void DrawManaged() => _managedDraws.Fill(_explicitBuffer);

    /// <summary>B·d normals from the default VSL source: the MKL step's RNG bound.</summary>
    [Benchmark]
    public void DrawVsl() => _vslDraws.Fill(_explicitBuffer);

    /// <summary>B·d normals from the managed SIMD source.</summary>
    [Benchmark]
    public void DrawSimd() => _simdDraws.Fill(_explicitBuffer);

    /// <summary>d + 2B normals from the default VSL source: the projected step's RNG bound.</summary>
    [Benchmark]
    public void DrawVslProjected() => _vslDraws.Fill(_projectedBuffer);

    /// <summary>d + 2B normals from the managed SIMD source.</summary>
    [Benchmark]
    public void DrawSimdProjected() => _simdDraws.Fill(_projectedBuffer);

    private void Step(ISgdEngine engine)
    {
        engine.Step(_w);
        if (!(Math.Abs(_w[0]) < 1e3)) _problem.InitialPoint.CopyTo(_w);
    }

    private void Update(ISgdEngine engine, double[] gaussians)
    {
        engine.Update(_w, gaussians);
        if (!(Math.Abs(_w[0]) < 1e3)) _problem.InitialPoint.CopyTo(_w);
    }

    private static void Check(bool condition)
    {
        if (!condition) throw new InvalidOperationException("The engines' draw counts differ from the ones the report assumes.");
    }
}
