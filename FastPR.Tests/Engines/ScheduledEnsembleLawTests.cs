using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Engines;

/// <summary>
/// The explicit (reference) and projected engines agree in law under a schedule as they do at constant η
/// (<see cref="EnsembleLawTests"/>): 400 runs each on the same problem (d = 100, a = 1.5, B = 16), η₀ = 0.02 with a cosine
/// schedule over 900 steps (10% warm-up, final η₀/10), each step taking the clock's size. Compared at steps 300, 450 and 900,
/// through the escape, the decay and the end; means within four standard errors and a two-sample KS test on u and the loss.
/// Deterministic: the managed engines and sources give the same bits on every machine, so the verdicts do not vary.
/// </summary>
public class ScheduledEnsembleLawTests(ITestOutputHelper output)
{
    private const int Members = 400, Dimension = 100, Batch = 16, Steps = 900;
    private const double Eta0 = 0.02;
    private static readonly int[] Records = [300, 450, 900];
    private static readonly LearningRateSchedule Cosine = LearningRateSchedule.Parse("cosine:warmup=0.1,final=0.1");
    private static readonly Problem Problem = new(new ProblemSpec(Dimension, 1.5, ProblemSeed: 3));

    private static readonly Lazy<Snapshot[,]> Explicit = new(() => Ensemble.Run(Problem, Members, Records, member => new Scheduled(
        new ReferenceSgdEngine(Problem, new SgdSettings(Batch, Eta0), new SimdGaussianSource(SeedSequence.RunKey(303, member))))));

    private static readonly Lazy<Snapshot[,]> Projected = new(() => Ensemble.Run(Problem, Members, Records, member => new Scheduled(
        new ProjectedSgdEngine(Problem, new SgdSettings(Batch, Eta0), new SimdGaussianSource(SeedSequence.RunKey(404, member))))));

    public static TheoryData<int, string> Cases() => EnsembleLawTests.CasesOver(Records.Length);

    private static double Get(Snapshot snapshot, string statistic) => EnsembleLawTests.Get(snapshot, statistic);

    [Fact]
    public void TheScheduleMovesTheEnsemble()
    {
        double u = Stats.Summarize(Ensemble.Column(Explicit.Value, Records.Length - 1, s => s.U)).Mean;
        output.WriteLine($"mean u at step {Steps}: {u:F3}");
        Assert.InRange(u, 0.3, 1.0); // escaped: a comparison at u ≈ 0 would test nothing
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeansAgreeWithinFourStandardErrors(int record, string statistic)
    {
        Stats.Summary a = Stats.Summarize(Ensemble.Column(Explicit.Value, record, s => Get(s, statistic)));
        Stats.Summary b = Stats.Summarize(Ensemble.Column(Projected.Value, record, s => Get(s, statistic)));
        string where = $"{statistic} at step {Records[record]}: explicit {a}, projected {b}";
        output.WriteLine($"{where}; |Δmean| = {Stats.MeanDifferenceInSe(a, b):F2} SE");
        Assert.True(Stats.MeanDifferenceInSe(a, b) < 4, where);
    }

    [Theory]
    [InlineData("u")]
    [InlineData("loss")]
    public void TwoSampleKsAtTheLastRecordPasses(string statistic)
    {
        int last = Records.Length - 1;
        var (d, p) = Stats.KsTwoSample(Ensemble.Column(Explicit.Value, last, s => Get(s, statistic)), Ensemble.Column(Projected.Value, last, s => Get(s, statistic)));
        output.WriteLine($"{statistic} at step {Records[last]}: D = {d:F4}, p = {p:F3}");
        Assert.True(p > 1e-3, $"D = {d:F4}, p = {p:E2}");
    }

    /// <summary>An engine stepped by a cosine clock: step k takes the schedule's η_k.</summary>
    private sealed class Scheduled(ISgdEngine engine) : IStepper
    {
        private readonly StepSizeClock _clock = new(Cosine, Eta0, Steps);

        public string Name => engine.Name;
        public Problem Problem => engine.Problem;
        public double TimePerStep => Eta0; // only labels the snapshots here
        public void Step(Span<double> w) => engine.Step(w, _clock.Next());
        public void Dispose() => engine.Dispose();
    }
}
