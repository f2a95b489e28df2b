using BenchmarkDotNet.Attributes;
using FastPR.Core;

namespace FastPR.Bench;

/// <summary>
/// Integrating the population dynamics from w(0) to a fixed horizon T (d = 1000, a = 4, the validation case of docs/MODEL.md §3.4):
/// discrete GD at η = 10⁻² by T/η explicit Euler steps (the reference), against the log-time GD integrator (the same steps
/// by exact leaps with self-consistent scalars) and the log-time exponential flow integrator. Leaps grow like 0.005·t after
/// t = 20, so their cost grows like log T while Euler's grows like T: two horizons show it.
/// Each invocation restarts from w(0), so every one does the same work. RK4 is in <see cref="GradientFlowBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)] // see BenchProblems: background GCs mis-charge the benchmark thread
public class PopulationDynamicsBenchmarks
{
    /// <summary>Dimension of the problem.</summary>
    public const int Dimension = 1000;

    /// <summary>Spectral exponent.</summary>
    public const double Exponent = 4.0;

    /// <summary>GD step size (the paper's η = 10⁻²).</summary>
    public const double Eta = 1e-2;

    private Problem _problem = null!;
    private double[] _w = null!;
    private PopulationGradientDescent _gd = null!;
    private LogTimeGdIntegrator _logTimeGd = null!;
    private LogTimeFlowIntegrator _logTimeFlow = null!;

    /// <summary>Horizon T in continuous time.</summary>
    [Params(1000.0, 10000.0)]
    public double Horizon { get; set; }

    /// <summary>GD steps to reach the horizon.</summary>
    public long GdSteps => (long)Math.Round(Horizon / Eta);

    /// <summary>Builds the steppers and integrators.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = BenchProblems.Create(Dimension, Exponent);
        _w = _problem.CopyInitialPoint();
        _gd = new PopulationGradientDescent(_problem, Eta);
        _logTimeGd = new LogTimeGdIntegrator(_problem, Eta);
        _logTimeFlow = new LogTimeFlowIntegrator(_problem);
    }

    /// <summary>Euler population GD, T/η steps.</summary>
    [Benchmark(Baseline = true)]
    public void EulerGd()
    {
        _problem.InitialPoint.CopyTo(_w);
        for (long n = GdSteps; n > 0; n--) _gd.Step(_w);
    }

    /// <summary>The same T/η GD steps by log-time leaps.</summary>
    [Benchmark]
    public void LogTimeGd()
    {
        _problem.InitialPoint.CopyTo(_w);
        if (!_logTimeGd.Advance(_w, 0, GdSteps)) throw new InvalidOperationException("GD diverged.");
    }

    /// <summary>Gradient flow to T by log-time exponential leaps.</summary>
    [Benchmark]
    public void LogTimeFlow()
    {
        _problem.InitialPoint.CopyTo(_w);
        _logTimeFlow.Advance(_w, 0, Horizon);
    }

    /// <summary>Leaps one LogTimeGd and one LogTimeFlow invocation take (for the report).</summary>
    public (long GdLeaps, long FlowLeaps) LeapCounts()
    {
        long gd = _logTimeGd.LeapCount, flow = _logTimeFlow.LeapCount;
        LogTimeGd();
        LogTimeFlow();
        return (_logTimeGd.LeapCount - gd, _logTimeFlow.LeapCount - flow);
    }
}
