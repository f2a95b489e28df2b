using FastPR.Core;

namespace FastPR.Bench;

/// <summary>
/// The fixed problems every suite runs on, so numbers from different classes describe the same workload.
/// <para>
/// One setting every suite shares, and one remaining artefact, found while checking that "Allocated" is 0 B:
/// <list type="bullet">
/// <item><c>[GcConcurrent(false)]</c>: when a background GC finishes while the benchmark thread sits in a long native call,
/// the thread's allocation counter grows by a few KB it never allocated (seen: 6–12 KB on MKL draws under xunit and on
/// 3-second dynamics runs under BenchmarkDotNet; never with DOTNET_gcConcurrent=0). No benchmarked path allocates, so the GC
/// mode does not change the timings.</item>
/// <item>What remains: the dynamics runs (a quarter second to seconds per call, about a dozen calls per benchmark) report a
/// few bytes to 12 KB per run that change from run to run (0, 24, 48, 12 336 and 12 360 B seen, also with the non-concurrent
/// GC). No code on that path allocates: the xunit smoke test sees exactly 0 B over repeated calls, and a run with
/// DOTNET_TieredCompilation=0 showed 0 B. The SGD step, source and statistics benchmarks show 0 B in every run.</item>
/// </list>
/// </para>
/// </summary>
public static class BenchProblems
{
    /// <summary>Problem seed of every benchmark problem.</summary>
    public const ulong ProblemSeed = 1;

    /// <summary>Run seed of every benchmark stream.</summary>
    public const ulong RunSeed = 7;

    /// <summary>Spectral exponent of the SGD and statistics problems (timing does not depend on it).</summary>
    public const double SgdExponent = 2.0;

    /// <summary>A normalised power-law problem of dimension <paramref name="d"/> without label noise.</summary>
    public static Problem Create(int d, double exponent = SgdExponent) =>
        new(new ProblemSpec(d, exponent, Normalized: true, Sigma: 0, Init: InitialPoint.Sphere, ProblemSeed: ProblemSeed));
}
