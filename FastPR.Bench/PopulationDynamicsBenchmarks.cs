using BenchmarkDotNet.Attributes;
using FastPR.Core.Dynamics;
using FastPR.Core.Engines;
using FastPR.Core.Model;

namespace FastPR.Bench;

/// <summary>
/// Integrating the population dynamics from w(0) over a fixed horizon T: Euler population GD (the reference, η steps)
/// against gradient flow by RK4. Each invocation restarts from w(0), so every one does the same work.
/// </summary>
[MemoryDiagnoser]
public class PopulationDynamicsBenchmarks
{
    /// <summary>Dimension of the problem.</summary>
    public const int Dimension = 1000;

    /// <summary>Spectral exponent (MODEL.md §3's validation case, d = 1000, a = 4).</summary>
    public const double Exponent = 4.0;

    /// <summary>GD step size (the paper's η = 10^−2).</summary>
    public const double Eta = 1e-2;

    /// <summary>RK4 step h.</summary>
    public const double H = 1e-2;

    private Problem _problem = null!;
    private double[] _w = null!;
    private PopulationGradientDescent _gd = null!;
    private GradientFlowRk4 _rk4 = null!;

    /// <summary>Horizon T in continuous time.</summary>
    [Params(1000.0)]
    public double Horizon { get; set; }

    /// <summary>Builds the steppers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = BenchProblems.Create(Dimension, Exponent);
        _w = _problem.CopyInitialPoint();
        _gd = new PopulationGradientDescent(_problem, Eta);
        _rk4 = new GradientFlowRk4(_problem, H);
    }

    /// <summary>Euler population GD, T/η steps.</summary>
    [Benchmark(Baseline = true)]
    public void EulerGd() => Run(_gd);

    /// <summary>Gradient flow by RK4, T/h steps.</summary>
    [Benchmark]
    public void FlowRk4() => Run(_rk4);

    private void Run(IStepper stepper)
    {
        _problem.InitialPoint.CopyTo(_w);
        long steps = (long)Math.Round(Horizon / stepper.TimePerStep);
        for (long n = 0; n < steps; n++) stepper.Step(_w);
    }
}
