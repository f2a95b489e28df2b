using BenchmarkDotNet.Attributes;
using FastPR.Core;

namespace FastPR.Bench;

/// <summary>The sgd-ode prediction of an SGD run at d = 1000, a = 2, η = 10⁻³ to T = 300 (issue #26's run), at the old tolerance and the one now used.</summary>
[MemoryDiagnoser]
[GcConcurrent(false)] // see BenchProblems
public class SgdPredictionBenchmarks
{
    private Problem _problem = null!;
    private SimulationSpec _spec = null!;

    /// <summary>Horizon T.</summary>
    [Params(1.0, 300.0)]
    public double Horizon { get; set; }

    /// <summary>Builds the problem.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = BenchProblems.Create(1000);
        _spec = new SimulationSpec { Problem = _problem.Spec, Time = Horizon };
    }

    /// <summary>At tolerance 10⁻⁵, what every SGD run used before.</summary>
    [Benchmark(Baseline = true)]
    public SgdPredictions Tolerance1e5() => SgdPredictions.For(_spec, _problem, 1e-5, default);

    /// <summary>At <see cref="SgdPredictions.Tolerance"/>, what every SGD run uses now.</summary>
    [Benchmark]
    public SgdPredictions Chosen() => SgdPredictions.For(_spec, _problem);
}
