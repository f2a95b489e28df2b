using BenchmarkDotNet.Attributes;
using FastPR.Core;

namespace FastPR.Bench;

/// <summary>
/// The C# side of the Python comparison (eng/bench-python.sh): one invocation is what <c>Engine.step(w, 10_000)</c> does from
/// Python, i.e. 10 000 steps of the engine that <c>fastpr.Engine(p, kind="auto", batch=1, eta=1e-3, seed=0)</c> builds, on
/// <c>Problem.power_law(d, a=2, problem_seed=0)</c>. eng/python_step_timing.py times the same loop through libfastpr.so.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[GcConcurrent(false)] // see BenchProblems
public class PythonLoopBenchmarks
{
    /// <summary>Steps per call, as in the Python loop.</summary>
    public const int StepsPerCall = 10_000;

    private ISgdEngine _engine = null!;
    private double[] _w = null!;

    /// <summary>Dimension d.</summary>
    [Params(1000)]
    public int D { get; set; }

    /// <summary>The engine and source exactly as the C ABI's fastpr_engine_create chooses them (auto, auto).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var problem = new Problem(new ProblemSpec(D, 2.0, ProblemSeed: 0));
        var choice = SgdEngines.Choose(EngineKind.Auto, problem, 1);
        _engine = SgdEngines.Create(choice.Kind, problem, new SgdSettings(1, 1e-3), GaussianSources.Create(GaussianSourceKind.Auto, 0, 0));
        _w = problem.CopyInitialPoint();
    }

    /// <summary>Releases the engine.</summary>
    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    /// <summary>10 000 steps in place on w, which keeps evolving from call to call as in the Python loop. The class's only
    /// case, so its own baseline (every suite names one).</summary>
    [Benchmark(Baseline = true)]
    public void Step10k()
    {
        for (int i = 0; i < StepsPerCall; i++) _engine.Step(_w);
    }
}
