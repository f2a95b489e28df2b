using BenchmarkDotNet.Attributes;
using FastPR.Core.Engines;
using FastPR.Core.Model;
using FastPR.Core.Randomness;

namespace FastPR.Bench;

/// <summary>
/// One SGD step per invocation at each (d, B), with the managed reference engine as the baseline. The Draw* methods draw
/// the same number of normals from the same kind of source without the update, so step ÷ draw is the step's cost over its
/// RNG bound (issue 4: target ≤ 1.3).
/// </summary>
/// <remarks>
/// η is small enough that w stays near its start for the whole run; a step whose state leaves |w₀| &lt; 10³ (never seen) puts
/// w back at w(0), an O(1) check that keeps a diverged state from timing NaN arithmetic.
/// </remarks>
[MemoryDiagnoser]
public class SgdStepBenchmarks
{
    /// <summary>η·d: the step size shrinks with d so every size stays well inside the stable range.</summary>
    public const double LearningRateTimesD = 0.1;

    private Problem _problem = null!;
    private double[] _w = null!;
    private ISgdEngine _reference = null!;
    private ISgdEngine _mkl = null!;
    private IGaussianSource _managedDraws = null!;
    private IGaussianSource _vslDraws = null!;
    private double[] _explicitBuffer = null!;

    /// <summary>The workload.</summary>
    [ParamsSource(nameof(Sizes))]
    public StepSize Size { get; set; }

    /// <summary>The sizes of issue 8.</summary>
    public static IEnumerable<StepSize> Sizes => StepSize.All;

    /// <summary>Builds every engine once; the engines own their sources.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = BenchProblems.Create(Size.D);
        _w = _problem.CopyInitialPoint();
        var settings = new SgdSettings(Size.B, LearningRateTimesD / Size.D);
        ulong key = SeedSequence.RunKey(BenchProblems.RunSeed);
        _reference = new ReferenceSgdEngine(_problem, settings, new ManagedGaussianSource(key));
        _mkl = new MklSgdEngine(_problem, settings, new VslGaussianSource(key));
        _managedDraws = new ManagedGaussianSource(key);
        _vslDraws = new VslGaussianSource(key);
        _explicitBuffer = new double[ExplicitMinibatch.GaussiansPerStep(_problem, Size.B)];
    }

    /// <summary>Releases the engines and the native streams.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _reference.Dispose();
        _mkl.Dispose();
        _managedDraws.Dispose();
        _vslDraws.Dispose();
    }

    /// <summary>ReferenceSgdEngine (scalar loops) fed by the scalar managed Philox source.</summary>
    [Benchmark(Baseline = true)]
    public void Reference() => Step(_reference);

    /// <summary>MklSgdEngine (one gemm, one gemv) fed by VSL with the default generator.</summary>
    [Benchmark]
    public void Mkl() => Step(_mkl);

    /// <summary>B·d normals from the managed scalar source alone: the reference step's RNG bound.</summary>
    [Benchmark]
    public void DrawManaged() => _managedDraws.Fill(_explicitBuffer);

    /// <summary>B·d normals from the default VSL source alone: the MKL step's RNG bound.</summary>
    [Benchmark]
    public void DrawVsl() => _vslDraws.Fill(_explicitBuffer);

    private void Step(ISgdEngine engine)
    {
        engine.Step(_w);
        if (!(Math.Abs(_w[0]) < 1e3)) _problem.InitialPoint.CopyTo(_w);
    }
}
