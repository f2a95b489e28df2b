using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Engines;

/// <summary>
/// The noise-dominated regime of docs/MODEL.md §6–§7: d = 20, a = 1.5, B = 1, η = 5·10⁻³, σ = 2, 40,000 steps (t = 200, so
/// 8λ_i t ≥ 8 for every coordinate and all have equilibrated). The final MSE then sits at the SGD noise floor, whose
/// leading-order value is ησ²/B = 0.02. Almost all of that noise is the orthogonal term, so dropping it collapses the
/// floor (0.0027 in the check of docs/MODEL.md §6).
/// <para>
/// Asserted band: ensemble means within [0.75, 1.5]·ησ²/B. The floor is a first-order result: it neglects the
/// multiplicative part of the gradient noise and O(ηλ) corrections, which raise it by some tens of percent (docs/MODEL.md §7:
/// measured 1.17–1.25×). The band admits that, and rejects both the wrong variant (≈ 0.14×) and a sampler
/// that doubled or halved the noise variance.
/// </para>
/// <para>
/// At B = 1 <see cref="ProjectedSgdEngine"/> takes the explicit step on ξ, so the projected ensemble here forces the
/// sampler (<c>projectAtBatchOne</c>): this is the test of the sampler's orthogonal noise at B = 1.
/// </para>
/// </summary>
public class NoiseFloorTests(ITestOutputHelper output)
{
    private const int Members = 64, Steps = 40_000;
    private const double Eta = 5e-3, Sigma = 2;
    private const double Floor = Eta * Sigma * Sigma / 1;

    private static readonly Problem Problem = new(new ProblemSpec(20, 1.5, Sigma: Sigma, ProblemSeed: 0));
    private static readonly SgdSettings Settings = new(1, Eta);

    private static Stats.Summary FinalMse(ulong runSeed, Func<IGaussianSource, SgdEngine> engineFor)
    {
        Snapshot[,] snapshots = Ensemble.Run(Problem, Members, [Steps],
            member => engineFor(new SimdGaussianSource(SeedSequence.RunKey(runSeed, member))));
        return Stats.Summarize(Ensemble.Column(snapshots, 0, s => s.Mse));
    }

    private static readonly Lazy<Stats.Summary> Explicit = new(() => FinalMse(11, source => new ReferenceSgdEngine(Problem, Settings, source)));
    private static readonly Lazy<Stats.Summary> Projected = new(() => FinalMse(12, source => new ProjectedSgdEngine(Problem, Settings, source, dropOrthogonalNoise: false, projectAtBatchOne: true)));
    private static readonly Lazy<Stats.Summary> Wrong = new(() => FinalMse(13, source => new ProjectedSgdEngine(Problem, Settings, source, dropOrthogonalNoise: true)));

    /// <summary>The comparison a correct sampler passes: same mean as the explicit engine within 4 combined SE, and on the floor.</summary>
    private static bool Passes(Stats.Summary candidate) =>
        Stats.MeanDifferenceInSe(Explicit.Value, candidate) < 4 && candidate.Mean >= 0.75 * Floor && candidate.Mean <= 1.5 * Floor;

    [Fact]
    public void ExplicitEngineSitsOnTheFloor() =>
        Assert.InRange(Explicit.Value.Mean, 0.75 * Floor, 1.5 * Floor);

    [Fact]
    public void ProjectedEngineMatchesTheExplicitFinalMse()
    {
        output.WriteLine($"final MSE: explicit {Explicit.Value}, projected {Projected.Value}; |Δ| = {Stats.MeanDifferenceInSe(Explicit.Value, Projected.Value):F2} SE; floor ησ²/B = {Floor}");
        Assert.True(Passes(Projected.Value), $"explicit {Explicit.Value}, projected {Projected.Value}, floor {Floor}");
    }

    [Fact]
    public void DroppingTheOrthogonalNoiseFailsTheNoiseFloorComparison()
    {
        Stats.Summary wrong = Wrong.Value;
        output.WriteLine($"final MSE: explicit {Explicit.Value}, wrong {wrong}; |Δ| = {Stats.MeanDifferenceInSe(Explicit.Value, wrong):F1} SE");
        Assert.False(Passes(wrong), $"the wrong variant passed: explicit {Explicit.Value}, wrong {wrong}");
        Assert.True(Stats.MeanDifferenceInSe(Explicit.Value, wrong) > 4, $"explicit {Explicit.Value}, wrong {wrong}");
        Assert.True(wrong.Mean < 0.75 * Floor, $"wrong {wrong}");
    }
}
