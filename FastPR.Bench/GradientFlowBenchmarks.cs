using BenchmarkDotNet.Attributes;
using FastPR.Core;

namespace FastPR.Bench;

/// <summary>
/// Gradient flow from w(0) to T = 1000 on the problem of <see cref="PopulationDynamicsBenchmarks"/>: classical RK4 at
/// h = 10⁻² (the reference flow integrator) against the log-time exponential integrator. Each invocation restarts from w(0).
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)] // see BenchProblems: background GCs mis-charge the benchmark thread
public class GradientFlowBenchmarks
{
    /// <summary>RK4 step h.</summary>
    public const double H = 1e-2;

    /// <summary>Horizon T.</summary>
    public const double Horizon = 1000;

    private Problem _problem = null!;
    private double[] _w = null!;
    private GradientFlowRk4 _rk4 = null!;
    private LogTimeFlowIntegrator _logTimeFlow = null!;

    /// <summary>RK4 steps to reach the horizon.</summary>
    public static long Rk4Steps => (long)Math.Round(Horizon / H);

    /// <summary>Builds the integrators.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = BenchProblems.Create(PopulationDynamicsBenchmarks.Dimension, PopulationDynamicsBenchmarks.Exponent);
        _w = _problem.CopyInitialPoint();
        _rk4 = new GradientFlowRk4(_problem, H);
        _logTimeFlow = new LogTimeFlowIntegrator(_problem);
    }

    /// <summary>Gradient flow by RK4, T/h steps.</summary>
    [Benchmark(Baseline = true)]
    public void FlowRk4()
    {
        _problem.InitialPoint.CopyTo(_w);
        for (long n = Rk4Steps; n > 0; n--) _rk4.Step(_w);
    }

    /// <summary>Gradient flow to T by log-time exponential leaps.</summary>
    [Benchmark]
    public void LogTimeFlow()
    {
        _problem.InitialPoint.CopyTo(_w);
        _logTimeFlow.Advance(_w, 0, Horizon);
    }
}
