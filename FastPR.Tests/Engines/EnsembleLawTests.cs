using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Engines;

/// <summary>
/// Multi-step law through escape (docs/MODEL.md §6): 400 explicit (reference) and 400 projected runs on one problem,
/// d = 100, a = 1.5, B = 16, η = 0.01, compared at steps 200, 300 and 600, where the ensemble's u is about
/// 0.27, 0.53 and 0.83 (escape and just after it).
/// <para>
/// Why not a checkpoint near step 450–500: there the ensemble's spread is dominated by a few late escapers (kurtosis of
/// the loss ≈ 80–110, of u ≈ 25, measured on 4,000 projected runs), so the sample standard deviation of 400 runs is
/// not stable: two reference ensembles with different seeds differed by 1.6× in the loss's sd at step 450. At the chosen
/// checkpoints every kurtosis is below 6, where a [0.8, 1.25] band on the sd ratio is ≥ 2.9 standard errors wide.
/// </para>
/// As docs/MODEL.md §6 warns, at this η the orthogonal noise barely moves s, u or the MSE, so this test
/// checks the trajectory law but cannot by itself catch a sampler that drops that noise; the one-step and
/// noise-floor tests do.
/// </summary>
public class EnsembleLawTests(ITestOutputHelper output)
{
    private const int Members = 400, Dimension = 100, Batch = 16;
    private const double Eta = 0.01;
    private static readonly int[] Checkpoints = [200, 300, 600];

    private static readonly Problem Problem = new(new ProblemSpec(Dimension, 1.5, ProblemSeed: 3));

    private static readonly Lazy<Snapshot[,]> Explicit = new(() => Run(101, member => new ReferenceSgdEngine(
        Problem, new SgdSettings(Batch, Eta), new SimdGaussianSource(SeedSequence.RunKey(101, member)))));

    private static readonly Lazy<Snapshot[,]> Projected = new(() => Run(202, member => new ProjectedSgdEngine(
        Problem, new SgdSettings(Batch, Eta), new SimdGaussianSource(SeedSequence.RunKey(202, member)))));

    private static Snapshot[,] Run(ulong runSeed, Func<int, IStepper> engineFor) => Ensemble.Run(Problem, Members, Checkpoints, engineFor);

    public static TheoryData<int, string> Cases() => CasesOver(Checkpoints.Length);

    /// <summary>Every (record, statistic) pair over <paramref name="records"/> records.</summary>
    internal static TheoryData<int, string> CasesOver(int records)
    {
        var data = new TheoryData<int, string>();
        for (int c = 0; c < records; c++)
            foreach (string statistic in new[] { "s", "u", "loss", "mse" }) data.Add(c, statistic);
        return data;
    }

    internal static double Get(Snapshot snapshot, string statistic) => statistic switch
    {
        "s" => snapshot.S,
        "u" => snapshot.U,
        "loss" => snapshot.Loss,
        _ => snapshot.Mse,
    };

    [Fact]
    public void TheRecordsSpanTheEscape()
    {
        double[] means = Enumerable.Range(0, Checkpoints.Length)
            .Select(c => Stats.Summarize(Ensemble.Column(Explicit.Value, c, s => s.U)).Mean).ToArray();
        Assert.InRange(means[0], 0.1, 0.4);
        Assert.InRange(means[1], 0.35, 0.7);
        Assert.InRange(means[2], 0.75, 0.95);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeansAgreeWithinFourStandardErrorsAndSpreadsWithin25Percent(int checkpoint, string statistic)
    {
        Stats.Summary a = Stats.Summarize(Ensemble.Column(Explicit.Value, checkpoint, s => Get(s, statistic)));
        Stats.Summary b = Stats.Summarize(Ensemble.Column(Projected.Value, checkpoint, s => Get(s, statistic)));
        string where = $"{statistic} at step {Checkpoints[checkpoint]}: explicit {a}, projected {b}";
        output.WriteLine($"{where}; |Δmean| = {Stats.MeanDifferenceInSe(a, b):F2} SE, sd ratio {b.StandardDeviation / a.StandardDeviation:F3}");
        Assert.True(Stats.MeanDifferenceInSe(a, b) < 4, where);
        Assert.InRange(b.StandardDeviation / a.StandardDeviation, 0.8, 1.25);
    }

    [Fact]
    public void TwoSampleKsOnUAtTheLastRecordPasses()
    {
        int last = Checkpoints.Length - 1;
        var (d, p) = Stats.KsTwoSample(Ensemble.Column(Explicit.Value, last, s => s.U), Ensemble.Column(Projected.Value, last, s => s.U));
        output.WriteLine($"u at step {Checkpoints[last]}: D = {d:F4}, p = {p:F3}");
        Assert.True(p > 1e-3, $"D = {d:F4}, p = {p:E2}");
    }
}
