using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Theory;

/// <summary>docs/MODEL.md §4, Phase I: growth at ρ_true with amplitude c, and the Θ(log d) escape law.</summary>
public class PhaseOneTests(ITestOutputHelper output)
{
    // Problem seed 2 at a = 2 has w*_1 ≈ −1.12 (order one, as the Phase I law assumes) for every d used here.
    private const ulong TopHeavySeed = 2;

    [Theory]
    [InlineData(1000)]
    [InlineData(8000)]
    public void LinearisedFlowGrowsAtRhoWithAmplitudeC(int d)
    {
        // ẇ_i = λ_i(4 s* w_i + 8u w*_i): the flow with s frozen at 0. RK4 with dt = 2·10⁻³ (ρ·dt ≈ 0.012). The next root of
        // F(ρ) = 1 lies below the pole 4λ_1 ≈ 2.43, so by t = 9 the other modes are e^{−(ρ − 2.43)·9} ≈ 10⁻¹⁵ behind.
        var problem = new Problem(new ProblemSpec(d, 2, ProblemSeed: TopHeavySeed));
        var prediction = PhaseOnePrediction.For(problem);
        double[] lambda = problem.Spectrum.Lambda.ToArray(), teacher = problem.Teacher.ToArray();
        double sStar = prediction.Rate.SStar, dt = 2e-3;
        var w = problem.CopyInitialPoint();
        var k1 = new double[d]; var k2 = new double[d]; var k3 = new double[d]; var k4 = new double[d]; var stage = new double[d];
        double U(ReadOnlySpan<double> x) { double u = 0; for (int i = 0; i < d; i++) u += lambda[i] * x[i] * teacher[i]; return u; }
        void Velocity(ReadOnlySpan<double> x, Span<double> v) { double u = U(x); for (int i = 0; i < d; i++) v[i] = lambda[i] * (4 * sStar * x[i] + 8 * u * teacher[i]); }
        double uEarly = 0;
        const int earlyStep = 4_500, lateStep = 6_000;
        for (int step = 1; step <= lateStep; step++)
        {
            Velocity(w, k1);
            for (int i = 0; i < d; i++) stage[i] = w[i] + dt / 2 * k1[i];
            Velocity(stage, k2);
            for (int i = 0; i < d; i++) stage[i] = w[i] + dt / 2 * k2[i];
            Velocity(stage, k3);
            for (int i = 0; i < d; i++) stage[i] = w[i] + dt * k3[i];
            Velocity(stage, k4);
            for (int i = 0; i < d; i++) w[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            if (step == earlyStep) uEarly = U(w);
        }
        double uLate = U(w), tLate = lateStep * dt;
        double measuredRate = Math.Log(uLate / uEarly) / ((lateStep - earlyStep) * dt);
        double amplitude = uLate * Math.Exp(-prediction.Rho * tLate);
        output.WriteLine($"d = {d}: ρ = {prediction.Rho:F6}, measured {measuredRate:F6}; c = {prediction.Residue:E4}, u(t)e^(−ρt) = {amplitude:E4}, u0 = {prediction.InitialOverlap:E4}");
        Assert.True(TheoryTestSupport.RelativeError(measuredRate, prediction.Rho) < 1e-3);
        Assert.True(TheoryTestSupport.RelativeError(amplitude, prediction.Residue) < 1e-3);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(8000)]
    public void CExpRhoTMatchesTheFullFlowWhileSIsSmall(int d)
    {
        var problem = new Problem(new ProblemSpec(d, 2, ProblemSeed: TopHeavySeed));
        var prediction = PhaseOnePrediction.For(problem);
        var times = Enumerable.Range(1, 100).Select(k => k * 0.01).ToArray();
        var snapshots = new Snapshot[times.Length];
        var w = problem.CopyInitialPoint();
        new LogTimeFlowIntegrator(problem).Run(w, times, snapshots);
        output.WriteLine($"d = {d}: w*_1 = {problem.Teacher[0]:F3}, ρ = {prediction.Rho:F4}, |c| = {Math.Abs(prediction.Residue):E3}, u0 = {prediction.InitialOverlap:E3}, predicted T1 = {prediction.EscapeTime:F3}");
        double worst = TheoryTestSupport.RelativeError(prediction.Residue, prediction.InitialOverlap);
        int compared = 1;
        foreach (var snapshot in snapshots)
        {
            if (snapshot.S >= 0.01) break;
            worst = Math.Max(worst, TheoryTestSupport.RelativeError(prediction.Overlap(snapshot.Time), snapshot.U));
            compared++;
        }
        output.WriteLine($"  worst relative gap {worst:F4} over {compared} times with s < 0.01");
        Assert.True(compared >= 10, $"only {compared} times with s < 0.01");
        Assert.True(worst <= 0.10, $"c·e^(ρt) is {worst:P1} off");
    }

    [Fact]
    public void EscapeTimeGrowsLikeLogDOverTwoRho()
    {
        // Controlled family: the teacher is one fixed 50-vector padded with zeros and normalised so s* = 1 under each d's
        // spectrum. At a = 2, H_{d,2} → π²/6, so the spectrum's first 50 values, hence ρ, move by < 0.1% from d = 500 to 8000.
        // Initial points are uniform on the sphere: |c| ∝ d^(−½), so mean T1 should grow by ln(d₂/d₁)/(2ρ).
        // Paired design: init seed k uses the same Gaussian vector g ∈ R^8000 for every d (w0 = g[..d]/‖g[..d]‖, still exactly
        // uniform on each sphere). With independent draws, 16 seeds give a standard error of the mean difference of about
        // 0.08 against a signal of 0.15, too noisy for a 20% test; pairing cancels the common ln|g_1…g_50| part.
        int[] dims = [500, 2000, 8000];
        const int seeds = 16;
        var direction = new double[50];
        using (var source = new ManagedGaussianSource(SeedSequence.ProblemKey(1))) source.Fill(direction); // w*_1 ≈ −1.03
        var options = new LogTimeOptions { RateStepFactor = double.PositiveInfinity }; // h = 0.01: T1 errors ≪ the 20% tolerance
        var meanT1 = new double[dims.Length];
        var rho = new double[dims.Length];
        var g = new double[dims[^1]];
        for (int k = 0; k < seeds; k++)
        {
            using (var source = new ManagedGaussianSource(SeedSequence.RunKey(1000 + (ulong)k, 0))) source.Fill(g);
            for (int j = 0; j < dims.Length; j++)
            {
                int d = dims[j];
                var teacherDirection = new double[d];
                direction.CopyTo(teacherDirection, 0);
                var initial = g[..d];
                double norm = Math.Sqrt(initial.Sum(x => x * x));
                for (int i = 0; i < d; i++) initial[i] /= norm;
                var problem = TheoryTestSupport.WithTeacher(new ProblemSpec(d, 2), teacherDirection, initial);
                var prediction = PhaseOnePrediction.For(problem);
                double horizon = Math.Max(1.5 * prediction.EscapeTime!.Value, 0) + 0.5;
                var times = Enumerable.Range(1, (int)Math.Ceiling(horizon / 0.01)).Select(q => q * 0.01).ToArray();
                var snapshots = new Snapshot[times.Length];
                var w = problem.CopyInitialPoint();
                new LogTimeFlowIntegrator(problem, options).Run(w, times, snapshots);
                double? escape = PhaseDetector.Detect(snapshots).Escape;
                Assert.NotNull(escape);
                meanT1[j] += escape.Value / seeds;
                rho[j] = prediction.Rho;
            }
        }
        output.WriteLine($"teacher w*_1 direction v_1 = {direction[0]:F3}");
        for (int j = 0; j < dims.Length; j++) output.WriteLine($"d = {dims[j]}: ρ = {rho[j]:F5}, mean measured T1 = {meanT1[j]:F4}");
        for (int j = 0; j + 1 < dims.Length; j++)
        {
            double predicted = Math.Log((double)dims[j + 1] / dims[j]) / (rho[j] + rho[j + 1]); // ln(d₂/d₁)/(2ρ̄)
            double measured = meanT1[j + 1] - meanT1[j];
            output.WriteLine($"d {dims[j]} → {dims[j + 1]}: mean T1 grows by {measured:F4}, predicted {predicted:F4} (ratio {measured / predicted:F3})");
            Assert.True(Math.Abs(measured / predicted - 1) <= 0.20, $"growth {measured:F4} vs {predicted:F4}");
        }
    }
}
