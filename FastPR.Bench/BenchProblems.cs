using FastPR.Core.Model;

namespace FastPR.Bench;

/// <summary>The fixed problems every suite runs on, so numbers from different classes describe the same workload.</summary>
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
