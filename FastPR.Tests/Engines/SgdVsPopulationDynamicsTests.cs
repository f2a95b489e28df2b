using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Engines;

/// <summary>
/// Online SGD against population GD with the same η. SGD's ensemble mean is not GD at finite η (the noise biases it by O(η)),
/// but the bias must vanish with η: the gap at η/4 must be at most half the gap at η (for an O(η) bias it is about a quarter),
/// or lie within 4 standard errors of zero. A wrong gradient scale, a wrong time scale or a biased sampler leaves an O(1) gap.
/// Parameters: d = 50, a = 1.5, problem seed 21, B = 4, η ∈ {0.02, 0.01, 0.005}, t = 1, 2000 members per η
/// (run seed 7, member m → <see cref="SeedSequence.RunKey"/>(7, m)). At t = 1, u has gone from 0.05 to 0.73 and s from 0.015
/// to 0.72 in GD: the middle of the escape, where the noise matters most.
/// </summary>
public class SgdVsPopulationDynamicsTests(ITestOutputHelper output)
{
    private const int Dimension = 50;
    private const double Exponent = 1.5;
    private const int Batch = 4;
    private const double Time = 1.0;
    private const int Members = 2000;
    private const ulong RunSeed = 7;

    [Fact]
    public void SgdEnsembleMeanApproachesPopulationGdAsEtaShrinks()
    {
        var problem = CoreTestMath.MakeProblem(Dimension, Exponent, seed: 21);
        var statistics = new ModelStatistics(problem);
        var start = statistics.Snapshot(problem.InitialPoint, 0, 0);
        double[] etas = [0.02, 0.01, 0.005];
        var gaps = new (double S, double U, double SeS, double SeU)[etas.Length];
        for (int e = 0; e < etas.Length; e++)
        {
            double eta = etas[e];
            long steps = (long)Math.Round(Time / eta);
            var gd = GdSnapshot(problem, eta, steps);
            var (s, u) = SgdEnsemble(problem, eta, steps);
            gaps[e] = (s.Mean - gd.S, u.Mean - gd.U, s.StandardError, u.StandardError);
            output.WriteLine($"η = {eta}: GD s {gd.S:F4} u {gd.U:F4}; SGD s {s.Mean:F4} ± {s.StandardError:F4} u {u.Mean:F4} ± {u.StandardError:F4}; " +
                             $"gap s {gaps[e].S:+0.0000;-0.0000} u {gaps[e].U:+0.0000;-0.0000}");
            if (e == 0) Assert.True(Math.Abs(gd.U) > 10 * Math.Abs(start.U), $"t = {Time} is not in the escape: u(0) = {start.U}, u(t) = {gd.U}");
        }

        var (first, last) = (gaps[0], gaps[^1]);
        AssertShrinks("s", first.S, last.S, last.SeS);
        AssertShrinks("u", first.U, last.U, last.SeU);
    }

    private void AssertShrinks(string name, double gapAtEta, double gapAtQuarter, double standardError)
    {
        bool halved = Math.Abs(gapAtQuarter) <= 0.5 * Math.Abs(gapAtEta);
        bool withinNoise = Math.Abs(gapAtQuarter) <= 4 * standardError;
        output.WriteLine($"{name}: gap(η/4)/gap(η) = {gapAtQuarter / gapAtEta:F3} (limit 0.5), |gap(η/4)|/SE = {Math.Abs(gapAtQuarter) / standardError:F1} (limit 4)");
        Assert.True(halved || withinNoise,
            $"{name}: the SGD–GD gap does not shrink with η: {gapAtEta} at η, {gapAtQuarter} ± {standardError} at η/4");
    }

    private static Snapshot GdSnapshot(Problem problem, double eta, long steps)
    {
        double[] w = problem.CopyInitialPoint();
        using var gd = new PopulationGradientDescent(problem, eta);
        for (long n = 0; n < steps; n++) gd.Step(w);
        return new ModelStatistics(problem).Snapshot(w, steps * eta, steps);
    }

    /// <summary>Ensemble mean of s and u; members run in parallel but are reduced in member order, so the result is deterministic.</summary>
    private static (RunningMoments S, RunningMoments U) SgdEnsemble(Problem problem, double eta, long steps)
    {
        var results = new Snapshot[Members];
        Parallel.For(0, Members, m =>
        {
            double[] w = problem.CopyInitialPoint();
            using var engine = new ReferenceSgdEngine(problem, new SgdSettings(Batch, eta), new ManagedGaussianSource(SeedSequence.RunKey(RunSeed, m)));
            for (long n = 0; n < steps; n++) engine.Step(w);
            results[m] = new ModelStatistics(problem).Snapshot(w, steps * eta, steps);
        });
        RunningMoments s = new(), u = new();
        foreach (var snapshot in results)
        {
            Assert.True(snapshot.IsFinite, "an SGD member diverged; η is too large for this test");
            s.Add(snapshot.S);
            u.Add(snapshot.U);
        }
        return (s, u);
    }
}
