namespace FastPR.Core;

/// <summary>
/// Wall-clock cost of a simulation.
/// <para>
/// <see cref="NsPerGaussian"/> is wall seconds × <see cref="ThreadsUsed"/> ÷ <see cref="GaussiansDrawn"/>, in ns: the whole cost of
/// a step (drawing and update) charged to the normals it consumed, per worker thread. It is directly comparable with the RNG bound
/// (ns per Gaussian of the source alone): a ratio near 1 means the engine is RNG-bound.
/// </para>
/// </summary>
/// <param name="WallSeconds">Elapsed time of the run proper (problem setup and analysis excluded).</param>
/// <param name="StepsCompleted">Steps (SGD, GD) or integrator leaps (log-time GD, flow), summed over members.</param>
/// <param name="StepsPerSecond"><paramref name="StepsCompleted"/> ÷ wall seconds (all members together).</param>
/// <param name="GaussiansDrawn">Standard normals drawn over all members (0 for deterministic algorithms).</param>
/// <param name="ThreadsUsed">Worker threads: min(threads, members).</param>
/// <param name="NsPerGaussian">See the remarks; null when no normals were drawn.</param>
public sealed record SimulationTiming(double WallSeconds, long StepsCompleted, double StepsPerSecond, long GaussiansDrawn, int ThreadsUsed, double? NsPerGaussian)
{
    /// <summary>Builds the timing from its measured parts.</summary>
    public static SimulationTiming From(double wallSeconds, long stepsCompleted, long gaussiansDrawn, int threadsUsed)
    {
        double perSecond = wallSeconds > 0 ? stepsCompleted / wallSeconds : double.NaN;
        double? ns = gaussiansDrawn > 0 ? wallSeconds * threadsUsed / gaussiansDrawn * 1e9 : null;
        return new SimulationTiming(wallSeconds, stepsCompleted, perSecond, gaussiansDrawn, threadsUsed, ns);
    }
}
