namespace FastPR.Core;

/// <summary>
/// Anything that advances a state w by fixed-length steps of continuous time: SGD engines, population GD, a flow integrator.
/// <see cref="TrajectoryRunner"/> drives any of them and records the same statistics.
/// </summary>
public interface IStepper : IDisposable
{
    /// <summary>Short identifier, e.g. "reference", "mkl", "projected", "gd", "flow-rk4".</summary>
    string Name { get; }
    /// <summary>The problem being solved.</summary>
    Problem Problem { get; }
    /// <summary>Continuous time covered by one step (η for SGD and GD, h for the flow).</summary>
    double TimePerStep { get; }
    /// <summary>Advances <paramref name="w"/> in place by one step. Allocates nothing.</summary>
    void Step(Span<double> w);
}
