using BenchmarkDotNet.Attributes;
using FastPR.Core;

namespace FastPR.Bench;

/// <summary>
/// The statistics a recorder takes at every checkpoint: s^(k) and u^(k) for K = 4 (one pass over d), and the full
/// snapshot (K = 2 moments, loss and the sign-invariant MSE).
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)] // see BenchProblems: background GCs mis-charge the benchmark thread
public class StatisticsBenchmarks
{
    /// <summary>Hierarchy depth K.</summary>
    public const int Levels = 4;

    private readonly double[] _s = new double[Levels];
    private readonly double[] _u = new double[Levels];
    private ModelStatistics _statistics = null!;
    private double[] _w = null!;
    private double _sink;

    /// <summary>Dimension.</summary>
    [Params(1000, 16384)]
    public int D { get; set; }

    /// <summary>Binds the statistics to the benchmark problem at its initial point.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var problem = BenchProblems.Create(D);
        _statistics = new ModelStatistics(problem);
        _w = problem.CopyInitialPoint();
    }

    /// <summary>s^(k), u^(k) for k = 1…4.</summary>
    [Benchmark(Baseline = true)]
    public void Moments() => _statistics.Moments(_w, _s, _u);

    /// <summary>One recorder snapshot: s, u, s^(2), u^(2), loss, MSE.</summary>
    [Benchmark]
    public void Snapshot() => _sink += _statistics.Snapshot(_w, 1.0, 1).Mse;
}
