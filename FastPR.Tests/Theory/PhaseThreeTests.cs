using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Theory;

/// <summary>docs/MODEL.md §4, Phase III: MSE(t0 + τ) ≈ MSE(t0)·Σ π_i e^{−16λ_iτ} and the isotropic benchmark.</summary>
public class PhaseThreeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1ul)]
    [InlineData(4ul)]
    public void PredictionMatchesTheFlowFromPhaseThreeOn(ulong seed)
    {
        var problem = new Problem(new ProblemSpec(1000, 2, ProblemSeed: seed));
        const double end = 1e7;
        var coarse = LogTimeGrid.LogSpaced(0.01, end, 200);
        var snapshots = new Snapshot[coarse.Length];
        var w = problem.CopyInitialPoint();
        new LogTimeFlowIntegrator(problem).Run(w, coarse, snapshots);
        double start = PhaseDetector.Detect(snapshots).PhaseThree!.Value; // s, |u| within 1e-3 of 1

        w = problem.CopyInitialPoint();
        var integrator = new LogTimeFlowIntegrator(problem);
        integrator.Advance(w, 0, start);
        var prediction = new PhaseThreePrediction(problem, w, start);
        Assert.Equal(new ModelStatistics(problem).Mse(w), prediction.StartMse, 14);
        // Window: until ten cutoffs 1/(8λ_d) later, when even the slowest error has decayed by e^{−20}; beyond that the MSE
        // approaches the double-precision floor of the state (the simulated MSE bottoms out near 10⁻³⁰).
        double windowEnd = Math.Min(end, start + 10 * problem.Spectrum.CutoffTime);
        var times = LogTimeGrid.LogSpaced(start * 1.01, windowEnd, 40);
        var later = new Snapshot[times.Length];
        integrator.Run(w, times, later, start);
        double worst = 0;
        for (int k = 0; k < times.Length; k++) worst = Math.Max(worst, TheoryTestSupport.RelativeError(prediction.Mse(times[k]), later[k].Mse));
        output.WriteLine($"seed {seed}: Phase III from t = {start:G4} (MSE {prediction.StartMse:G4}, σ*² = {problem.SigmaStarSquared:G4}) " +
                         $"to {windowEnd:G3} (MSE {later[^1].Mse:E2}): worst relative gap {worst:E2}");
        Assert.True(worst <= 0.02, $"worst relative gap {worst:P2}");
    }

    [Fact]
    public void IsotropicBenchmarkApproachesItsAsymptote()
    {
        // In 1 ≪ (16τλ_1)^{1/a} ≪ d the deficit 1 − S_d(τ) ≈ Γ(1 − 1/a)(16τλ_1)^{1/a}/d; the first correction is the
        // Euler–Maclaurin −1/2 at i → 0, i.e. relative 1/(2Γκ^{1/a}) ≈ 0.3% here, and the cut at i = d another ≈ 0.6%.
        var spectrum = Spectrum.PowerLaw(10_000, 2);
        double tau = 1e4 / (16 * spectrum.Lambda1); // (16τλ_1)^{1/2} = 100
        double deficit = 1 - PhaseThreePrediction.IsotropicBenchmark(spectrum, tau);
        double asymptote = 1 - PhaseThreePrediction.IsotropicAsymptote(spectrum, tau);
        output.WriteLine($"deficit {deficit:E4}, asymptote {asymptote:E4}");
        Assert.True(TheoryTestSupport.RelativeError(deficit, asymptote) < 0.02);
        Assert.Throws<ArgumentOutOfRangeException>(() => PhaseThreePrediction.IsotropicAsymptote(Spectrum.PowerLaw(10, 1), 1));
    }

    [Fact]
    public void WeightsAreSignAlignedAndNormalised()
    {
        var problem = new Problem(new ProblemSpec(50, 2, ProblemSeed: 9));
        var w = problem.Teacher.ToArray();
        for (int i = 0; i < w.Length; i++) w[i] = -w[i] + (i == 3 ? 0.1 : 0); // near −w*, error only on coordinate 3
        var prediction = new PhaseThreePrediction(problem, w, 10);
        Assert.Equal(1.0, prediction.Weights[3], 14);
        Assert.Equal(0.01 / 50, prediction.StartMse, 15);
        Assert.Equal(prediction.StartMse * Math.Exp(-16 * problem.Spectrum.Lambda[3] * 5), prediction.Mse(15), 15);
    }
}
