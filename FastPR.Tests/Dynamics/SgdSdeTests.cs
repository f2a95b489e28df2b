using FastPR.Core;
using FastPR.Tests.Engines;

namespace FastPR.Tests.Dynamics;

/// <summary>
/// The sgd-sde (docs/MODEL.md §3.8): its drift is the mean update, its diffusion SGD's one-step covariance, and its ensembles are
/// reproducible whatever the thread count.
/// </summary>
public class SgdSdeTests
{
    /// <summary>A generic point: half way between w(0) and w* (as in <see cref="OneStepLawTests"/>), s and u of order 0.3.</summary>
    private static (Problem Problem, double[] W) GenericPoint(int d, double a, double sigma)
    {
        var drawn = new Problem(new ProblemSpec(d, a, Sigma: sigma, ProblemSeed: 11));
        var w = new double[d];
        for (int i = 0; i < d; i++) w[i] = 0.5 * drawn.Teacher[i] + 0.8 * drawn.InitialPoint[i];
        return (new Problem(drawn.Spec, drawn.Teacher, w), w);
    }

    /// <summary>The SDE step's noise is linear in ξ, so its covariance is exactly Σ_j n(e_j) n(e_j)ᵀ with n(ξ) = step(ξ) − step(0).</summary>
    private static double[,] SdeStepCovariance(Problem problem, double[] w, SgdSettings settings, int stride)
    {
        int d = problem.Dimension;
        using var sde = new SgdSdeStepper(problem, settings, stride, new SimdGaussianSource(1));
        var mean = (double[])w.Clone();
        sde.Update(mean, new double[d]);
        var columns = new double[d][];
        for (int j = 0; j < d; j++)
        {
            var xi = new double[d];
            xi[j] = 1;
            var x = (double[])w.Clone();
            sde.Update(x, xi);
            columns[j] = x.Select((value, i) => value - mean[i]).ToArray();
        }
        var covariance = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int k = 0; k < d; k++)
                for (int j = 0; j < d; j++) covariance[i, k] += columns[j][i] * columns[j][k];
        return covariance;
    }

    private static double MaxAbs(double[,] m)
    {
        double max = 0;
        foreach (double x in m) max = Math.Max(max, Math.Abs(x));
        return max;
    }

    [Theory]
    [InlineData(1.5, 0.5, 8, 1)]
    [InlineData(0.0, 0.0, 1, 1)]
    [InlineData(4.0, 0.0, 2, 5)]
    public void Diffusion_IsTheExactOneStepCovarianceOfSgd(double a, double sigma, int batch, int stride)
    {
        // The quadrature of OneStepLawTests integrates the SGD step's covariance independently of the Stein formulas the SDE uses.
        const int d = 30;
        const double eta = 0.01;
        var (problem, w) = GenericPoint(d, a, sigma);
        var sde = SdeStepCovariance(problem, w, new SgdSettings(batch, eta), stride);
        var exact = OneStepLawTests.ExactCovariance(problem, w, eta, batch);
        double scale = MaxAbs(exact);
        for (int i = 0; i < d; i++)
            for (int k = 0; k < d; k++)
                Assert.True(Math.Abs(sde[i, k] - stride * exact[i, k]) <= 1e-10 * stride * scale,
                    $"Cov[{i},{k}]: sde {sde[i, k]:G6}, stride × SGD {stride * exact[i, k]:G6}");
    }

    [Fact]
    public void Diffusion_MatchesTheMeasuredCovarianceOfRealSgdSteps_AndTheDiagonalPartAloneDoesNot()
    {
        // 100,000 one-step draws of the reference engine (explicit B×d minibatches) from a fixed w; every entry of the measured
        // covariance is compared with the SDE's in units of its own standard error.
        const int d = 8, samples = 100_000;
        const double eta = 0.02;
        var (problem, w) = GenericPoint(d, 1.5, 0.5);
        var settings = new SgdSettings(1, eta);
        var sde = SdeStepCovariance(problem, w, settings, 1);
        var mean = (double[])w.Clone();
        using (var noiseless = new SgdSdeStepper(problem, settings, 1, new SimdGaussianSource(1), noise: false)) noiseless.Step(mean);

        var sum = new double[d, d];
        var sumSquares = new double[d, d];
        using var engine = new ReferenceSgdEngine(problem, settings, new SimdGaussianSource(SeedSequence.RunKey(77, 0)));
        var x = new double[d];
        for (int n = 0; n < samples; n++)
        {
            w.CopyTo(x, 0);
            engine.Step(x);
            for (int i = 0; i < d; i++)
                for (int k = i; k < d; k++)
                {
                    double product = (x[i] - mean[i]) * (x[k] - mean[k]);
                    sum[i, k] += product;
                    sumSquares[i, k] += product * product;
                }
        }
        double worst = 0, worstDiagonalOnly = 0;
        for (int i = 0; i < d; i++)
            for (int k = i; k < d; k++)
            {
                double m = sum[i, k] / samples;
                double se = Math.Sqrt((sumSquares[i, k] / samples - m * m) / (samples - 1));
                worst = Math.Max(worst, Math.Abs(m - sde[i, k]) / se);
                // The SDE without its rank-two part: only the diagonal λ_i·K0 (what an isotropic-noise SDE would use).
                double diagonalOnly = i == k ? sde[i, i] - RankTwoPart(problem, w, eta, i) : 0;
                worstDiagonalOnly = Math.Max(worstDiagonalOnly, Math.Abs(m - diagonalOnly) / se);
            }
        Assert.True(worst < 4.5, $"largest deviation {worst:F2} standard errors");
        Assert.True(worstDiagonalOnly > 10, $"the diagonal-only diffusion passed ({worstDiagonalOnly:F2} standard errors)");
    }

    /// <summary>η²·λ_i²(w_i² Kq + w_i w*_i Km + w*_i² Kt): the rank-two part's diagonal (B = 1).</summary>
    private static double RankTwoPart(Problem problem, double[] w, double eta, int i)
    {
        double s = 0, u = 0;
        for (int j = 0; j < w.Length; j++)
        {
            s += problem.Spectrum.Lambda[j] * w[j] * w[j];
            u += problem.Spectrum.Lambda[j] * w[j] * problem.Teacher[j];
        }
        var k = new SgdOdeScalars(s, u, problem.SStar, problem.Sigma);
        double l = problem.Spectrum.Lambda[i], t = problem.Teacher[i];
        return eta * eta * l * l * (w[i] * w[i] * k.Kq + w[i] * t * k.Km + t * t * k.Kt);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.0)]
    public void WithoutNoise_StrideOneIsPopulationGd(double a)
    {
        var problem = new Problem(new ProblemSpec(200, a, ProblemSeed: 3));
        const double eta = 0.01;
        using var sde = new SgdSdeStepper(problem, new SgdSettings(1, eta), 1, new SimdGaussianSource(1), noise: false);
        using var gd = new PopulationGradientDescent(problem, eta);
        var x = problem.CopyInitialPoint();
        var y = problem.CopyInitialPoint();
        for (int n = 0; n < 2000; n++)
        {
            sde.Step(x);
            gd.Step(y);
        }
        double norm = Math.Sqrt(y.Sum(v => v * v));
        for (int i = 0; i < x.Length; i++) Assert.True(Math.Abs(x[i] - y[i]) <= 1e-12 * norm, $"coordinate {i}: {x[i]} vs {y[i]}");
    }

    [Fact]
    public void WithoutNoise_ConvergesToTheFlowAtFirstOrderInTheStep()
    {
        // Euler's global error is c·h + O(h²): against RK4 (h = 10⁻³, error O(10⁻¹²)) through the escape (d = 200, a = 2, t = 4),
        // halving the step must halve the error. A drift that is not the mean update (or a time step that is not stride·η)
        // would leave an O(1) error that does not shrink.
        var problem = new Problem(new ProblemSpec(200, 2, ProblemSeed: 3));
        const double horizon = 4;
        var reference = problem.CopyInitialPoint();
        using (var rk4 = new GradientFlowRk4(problem, 1e-3))
            for (int n = 0; n < 4000; n++) rk4.Step(reference);
        var (s0, u0) = Overlaps(problem, reference);
        double Error(int stride)
        {
            const double eta = 0.0025;
            using var sde = new SgdSdeStepper(problem, new SgdSettings(1, eta), stride, new SimdGaussianSource(1), noise: false);
            var w = problem.CopyInitialPoint();
            int steps = (int)Math.Round(horizon / (stride * eta));
            for (int n = 0; n < steps; n++) sde.Step(w);
            var (s, u) = Overlaps(problem, w);
            return Math.Max(Math.Abs(s - s0) / s0, Math.Abs(u - u0) / Math.Abs(u0));
        }
        double e1 = Error(1), e2 = Error(2), e4 = Error(4);
        Assert.True(Math.Abs(u0) > 0.3, $"the horizon must reach past the escape (u = {u0})");
        Assert.InRange(e2 / e1, 1.8, 2.2);
        Assert.InRange(e4 / e2, 1.8, 2.2);
        Assert.True(e1 < 0.05, $"error at h = η: {e1}");
    }

    private static (double S, double U) Overlaps(Problem problem, double[] w)
    {
        double s = 0, u = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += problem.Spectrum.Lambda[i] * w[i] * w[i];
            u += problem.Spectrum.Lambda[i] * w[i] * problem.Teacher[i];
        }
        return (s, u);
    }

    private static SimulationSpec Ensemble(int threads, ulong seed = 5) => new()
    {
        Problem = new ProblemSpec(60, 2, ProblemSeed: 1),
        Algorithm = AlgorithmKind.SgdSde,
        LearningRate = 0.002, // at 0.005 some members blow up (docs/REPRODUCTION.md §9)
        SdeStride = 3,
        Time = 6,
        Records = 20,
        Seeds = 4,
        Threads = threads,
        Seed = seed,
    };

    [Fact]
    public void Ensemble_IsBitwiseReproducibleAndIndependentOfTheThreadCount()
    {
        var one = Simulator.Run(Ensemble(1));
        var two = Simulator.Run(Ensemble(2));
        var other = Simulator.Run(Ensemble(2, seed: 6));
        Assert.Equal(RunStatus.Completed, one.Status);
        Assert.Equal("sgd-sde", one.Stepper);
        for (int m = 0; m < 4; m++)
        {
            Assert.Equal(one.Members[m].Result.LastFinite, two.Members[m].Result.LastFinite);
            Assert.NotEqual(one.Members[m].Result.LastFinite.U, other.Members[m].Result.LastFinite.U);
        }
        Assert.Equal(one.Trajectory, two.Trajectory);
        Assert.NotEqual(one.Members[0].Result.LastFinite.U, one.Members[1].Result.LastFinite.U);
        // 6 / 0.002 = 3,000 SGD steps, 1,000 SDE steps of 0.006; a horizon of 6.001 would take 1,001 (rounded up to a whole step).
        Assert.Equal(1000, one.Members[0].Result.StepsCompleted);
        Assert.Equal(6, one.Final!.Value.Time, 1e-12);
        Assert.Equal(3001L, (Ensemble(1) with { Time = 6.001 }).TotalSteps);
        Assert.Equal(1001 * 0.006, (Ensemble(1) with { Time = 6.001 }).Horizon, 1e-12);
        Assert.Equal(4, one.Escapes!.Values.Length);
        Assert.Equal(one.Members.Select(m => m.Phases.Escape), one.Escapes.Values);
        Assert.NotNull(one.Signs);
    }

    [Fact]
    public void EscapeDistribution_QuantilesInterpolateBetweenOrderStatistics()
    {
        double[] sorted = [1, 2, 3, 4, 5];
        Assert.Equal(1.2, EscapeDistribution.Quantile(sorted, 0.05), 1e-12);
        Assert.Equal(3, EscapeDistribution.Quantile(sorted, 0.5), 1e-12);
        Assert.Equal(4.8, EscapeDistribution.Quantile(sorted, 0.95), 1e-12);
    }

    [Fact]
    public void Spec_RejectsAStrideBelowOne()
    {
        var spec = Ensemble(1) with { SdeStride = 0 };
        var error = Assert.ThrowsAny<ArgumentException>(spec.Validate);
        Assert.Equal(nameof(SimulationSpec.SdeStride), error.ParamName);
    }
}
