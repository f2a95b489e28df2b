using BenchmarkDotNet.Attributes;
using FastPR.Core;

namespace FastPR.Bench;

/// <summary>
/// Throughput against threads (issue #26): an 8-member SGD ensemble through <see cref="Simulator"/> (d = 1000, B = 1, engine and
/// source auto, 20 000 steps per member, predictions off) and a sweep of 8 one-seed points of 5 000 steps with their predictions,
/// run as the sweep runs them (one point per thread; a point's prediction runs beside its steps while a core is free, so at one
/// thread the sweep already uses two cores, and `fastpr bench` also times it without predictions). Efficiency against linear is time(1) ÷ (threads × time(threads)) from the
/// table. The problem is built once; every invocation runs the same work.
/// </summary>
[MemoryDiagnoser]
[GcConcurrent(false)] // see BenchProblems
public class ScalingBenchmarks
{
    private const int Members = 8;
    private const int SweepPoints = 8;
    private ProblemSpec _problem = null!;

    /// <summary>Threads from 1 to the processor count.</summary>
    public static IEnumerable<int> ThreadCounts => Enumerable.Range(1, Environment.ProcessorCount);

    /// <summary>Worker threads.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>Builds the problem spec.</summary>
    [GlobalSetup]
    public void Setup() => _problem = BenchProblems.Create(1000).Spec;

    /// <summary>The ensemble: 8 members × 20 000 steps.</summary>
    [Benchmark(Baseline = true)]
    public SimulationResult Ensemble() => Simulator.Run(new SimulationSpec
    {
        Problem = _problem,
        Steps = 20_000,
        Seeds = Members,
        Threads = Threads,
        Seed = BenchProblems.RunSeed,
        Predictions = false,
    });

    /// <summary>The sweep: 8 points × 5 000 steps, each with its sgd-ode prediction.</summary>
    [Benchmark]
    public void Sweep() => Parallel.For(0, SweepPoints, new ParallelOptions { MaxDegreeOfParallelism = Threads },
        p => Simulator.Run(new SimulationSpec { Problem = _problem, Steps = 5_000, Seed = (ulong)p, Threads = 1 }));
}
