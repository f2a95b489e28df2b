using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Engines;

/// <summary>
/// The law of one step Δw from a fixed, generic w (docs/MODEL.md §6 "tests with teeth"). Both samplers must give
/// E Δw = −η∇L and the same spread, in total and outside span{Qw, Qw*}. Only the orthogonal noise ‖r‖(I − UUᵀ)ξ reaches
/// that complement in the projected engine (Q^½·U lies in the span), so the wrong variant's orthogonal variance is zero.
/// Both samplers are also held to the exact covariance, computed by quadrature.
/// </summary>
public class OneStepLawTests(ITestOutputHelper output)
{
    private const int D = 50, Batch = 8, Samples = 200_000, Chunks = 8;
    private const double Eta = 0.01;

    private static readonly Lazy<Setup> Shared = new(() => new Setup());

    /// <summary>The problem, the fixed w, the population mean of Δw and a projector onto span{Qw, Qw*}⊥.</summary>
    private sealed class Setup
    {
        public Setup()
        {
            var drawn = new Problem(new ProblemSpec(D, 1.5, Sigma: 0.5, ProblemSeed: 11));
            // Half way between w(0) and w*: s and u are of order 0.3, well past escape's linear regime and far from the minimum.
            W = new double[D];
            for (int i = 0; i < D; i++) W[i] = 0.5 * drawn.Teacher[i] + 0.8 * drawn.InitialPoint[i];
            Problem = new Problem(drawn.Spec, drawn.Teacher, W);
            var gradient = new double[D];
            PopulationGradient.Compute(Problem, W, gradient);
            Mean = gradient.Select(x => -Eta * x).ToArray();
            double[] qw = Enumerable.Range(0, D).Select(i => Problem.Spectrum.Lambda[i] * W[i]).ToArray();
            SpanBasis = Orthonormalize(Problem.QTeacher.ToArray(), qw);
            (ExactTotal, ExactOrthogonal) = ExactVariances(Problem, W, SpanBasis);
        }

        public Problem Problem { get; }
        public double[] W { get; }
        public double[] Mean { get; }
        public double[][] SpanBasis { get; }
        public double ExactTotal { get; }
        public double ExactOrthogonal { get; }
    }

    /// <summary>Per-coordinate moments of Δw and the per-sample total and orthogonal squared deviations from the mean.</summary>
    private sealed record Law(string Engine, double[] CoordinateMean, double[] CoordinateVariance, Stats.Summary Total, Stats.Summary Orthogonal);

    private static Law Measure(string kind, ulong runSeed)
    {
        Setup setup = Shared.Value;
        var settings = new SgdSettings(Batch, Eta);
        var total = new double[Samples];
        var orthogonal = new double[Samples];
        var sums = new double[Chunks, D];
        var squares = new double[Chunks, D];
        int perChunk = Samples / Chunks;
        Parallel.For(0, Chunks, chunk =>
        {
            var source = new SimdGaussianSource(SeedSequence.RunKey(runSeed, chunk));
            using SgdEngine engine = kind switch
            {
                "explicit" => new ReferenceSgdEngine(setup.Problem, settings, source),
                "projected" => new ProjectedSgdEngine(setup.Problem, settings, source),
                _ => new ProjectedSgdEngine(setup.Problem, settings, source, dropOrthogonalNoise: true),
            };
            var w = new double[D];
            var deviation = new double[D];
            for (int n = chunk * perChunk; n < (chunk + 1) * perChunk; n++)
            {
                setup.W.CopyTo(w, 0);
                engine.Step(w);
                for (int i = 0; i < D; i++)
                {
                    double delta = w[i] - setup.W[i];
                    sums[chunk, i] += delta;
                    squares[chunk, i] += delta * delta;
                    deviation[i] = delta - setup.Mean[i];
                }
                total[n] = Dot(deviation, deviation);
                foreach (double[] q in setup.SpanBasis)
                {
                    double c = Dot(q, deviation);
                    for (int i = 0; i < D; i++) deviation[i] -= c * q[i];
                }
                orthogonal[n] = Dot(deviation, deviation);
            }
        });
        var mean = new double[D];
        var variance = new double[D];
        for (int i = 0; i < D; i++)
        {
            double s = 0, s2 = 0;
            for (int c = 0; c < Chunks; c++) { s += sums[c, i]; s2 += squares[c, i]; }
            mean[i] = s / Samples;
            variance[i] = (s2 / Samples - mean[i] * mean[i]) * Samples / (Samples - 1);
        }
        return new Law(kind, mean, variance, Stats.Summarize(total), Stats.Summarize(orthogonal));
    }

    private static readonly Lazy<Law> Explicit = new(() => Measure("explicit", 1001));
    private static readonly Lazy<Law> Projected = new(() => Measure("projected", 2002));
    private static readonly Lazy<Law> Wrong = new(() => Measure("wrong", 3003));

    /// <summary>The comparison both correct samplers must pass: agreement within 4 combined standard errors.</summary>
    private static bool Agree(Stats.Summary a, Stats.Summary b) => Stats.MeanDifferenceInSe(a, b) < 4;

    [Fact]
    public void TheFixedPointIsGeneric()
    {
        var stats = new ModelStatistics(Shared.Value.Problem);
        Snapshot snapshot = stats.Snapshot(Shared.Value.W, 0, 0);
        Assert.InRange(snapshot.S, 0.1, 0.9);
        Assert.InRange(Math.Abs(snapshot.U), 0.1, 0.9);
    }

    [Theory]
    [InlineData("explicit")]
    [InlineData("projected")]
    public void MeanStepIsMinusEtaTimesThePopulationGradient(string kind)
    {
        Law law = kind == "explicit" ? Explicit.Value : Projected.Value;
        double[] expected = Shared.Value.Mean;
        for (int i = 0; i < D; i++)
        {
            double z = (law.CoordinateMean[i] - expected[i]) / Math.Sqrt(law.CoordinateVariance[i] / Samples);
            Assert.True(Math.Abs(z) < 5, $"{kind}, coordinate {i}: mean {law.CoordinateMean[i]:E4} vs {expected[i]:E4} ({z:F2} SE)");
        }
    }

    [Fact]
    public void TotalVarianceAgreesBetweenExplicitAndProjected()
    {
        Law a = Explicit.Value, b = Projected.Value;
        output.WriteLine($"Σ Var Δw: explicit {a.Total}, projected {b.Total}, wrong {Wrong.Value.Total}; |Δ| = {Stats.MeanDifferenceInSe(a.Total, b.Total):F2} SE");
        Assert.True(Agree(a.Total, b.Total), $"Σ Var Δw: explicit {a.Total}, projected {b.Total}");
    }

    [Fact]
    public void VarianceOutsideTheSpanAgreesAndIsClearlyNonZero()
    {
        Law a = Explicit.Value, b = Projected.Value;
        output.WriteLine($"orthogonal variance: explicit {a.Orthogonal}, projected {b.Orthogonal}, wrong {Wrong.Value.Orthogonal}; |Δ| = {Stats.MeanDifferenceInSe(a.Orthogonal, b.Orthogonal):F2} SE; share of total {a.Orthogonal.Mean / a.Total.Mean:P1}");
        Assert.True(Agree(a.Orthogonal, b.Orthogonal), $"orthogonal variance: explicit {a.Orthogonal}, projected {b.Orthogonal}");
        Assert.True(a.Orthogonal.Mean > 50 * a.Orthogonal.StandardError, $"explicit orthogonal variance {a.Orthogonal}");
        Assert.True(a.Orthogonal.Mean > 0.05 * a.Total.Mean, $"orthogonal share {a.Orthogonal.Mean / a.Total.Mean:P1}");
    }

    [Theory]
    [InlineData("explicit")]
    [InlineData("projected")]
    public void TotalAndOrthogonalVariancesMatchTheExactValues(string kind)
    {
        Law law = kind == "explicit" ? Explicit.Value : Projected.Value;
        Setup setup = Shared.Value;
        double totalZ = (law.Total.Mean - setup.ExactTotal) / law.Total.StandardError;
        double orthogonalZ = (law.Orthogonal.Mean - setup.ExactOrthogonal) / law.Orthogonal.StandardError;
        output.WriteLine($"{kind}: total {law.Total.Mean:E4} vs exact {setup.ExactTotal:E4} ({totalZ:F2} SE); orthogonal {law.Orthogonal.Mean:E4} vs exact {setup.ExactOrthogonal:E4} ({orthogonalZ:F2} SE)");
        Assert.True(Math.Abs(totalZ) < 4, $"{kind} total variance {law.Total} vs exact {setup.ExactTotal:E4}");
        Assert.True(Math.Abs(orthogonalZ) < 4, $"{kind} orthogonal variance {law.Orthogonal} vs exact {setup.ExactOrthogonal:E4}");
    }

    [Fact]
    public void PerCoordinateVariancesAgree()
    {
        Law a = Explicit.Value, b = Projected.Value;
        for (int i = 0; i < D; i++)
        {
            // The variance of a variance estimate is unknown without 4th moments, so compare per-coordinate spreads with the
            // same tolerance as the ensemble tests: a ratio of standard deviations within [0.8, 1.25] for 2·10^5 samples.
            double ratio = Math.Sqrt(b.CoordinateVariance[i] / a.CoordinateVariance[i]);
            Assert.InRange(ratio, 0.8, 1.25);
        }
    }

    [Fact]
    public void DroppingTheOrthogonalNoiseFailsTheOneStepComparison()
    {
        Law a = Explicit.Value, wrong = Wrong.Value;
        Assert.True(wrong.Orthogonal.Mean < 1e-9 * a.Orthogonal.Mean, $"wrong variant's orthogonal variance {wrong.Orthogonal}");
        Assert.False(Agree(a.Orthogonal, wrong.Orthogonal), "the wrong variant passed the orthogonal-variance comparison");
        Assert.False(Agree(a.Total, wrong.Total), "the wrong variant passed the total-variance comparison");
        Assert.True(Math.Abs(wrong.Total.Mean - Shared.Value.ExactTotal) > 4 * wrong.Total.StandardError, "the wrong variant matched the exact total variance");
    }

    /// <summary>
    /// Σ Var Δw and its part outside span{Qw, Qw*}, exactly. Δw = −(η/B)·Q^½·Σ_b r_b g_b with i.i.d. h_b = r_b g_b, so
    /// Cov Δw = (η²/B)·Q^½·Cov(h)·Q^½. Write g = U a + U⊥ c with U an orthonormal basis of span{v, v*} and a ~ N(0, I₂)
    /// independent of c; r depends on a (and the label noise) only, so E[r²ggᵀ] = U·E[r²aaᵀ]·Uᵀ + E[r²]·(I − UUᵀ) and
    /// E h = U·E[r a]. Averaging the label noise, E r² = 16z²((z² − z*²)² + σ²). The remaining 2-D expectations are
    /// polynomials of degree ≤ 10 in each coordinate of a, which the 6-point Gauss–Hermite rule integrates exactly.
    /// </summary>
    private static (double Total, double Orthogonal) ExactVariances(Problem problem, double[] w, double[][] spanBasis)
    {
        int d = problem.Dimension;
        var covariance = ExactCovariance(problem, w, Eta, Batch);
        double total = 0;
        for (int i = 0; i < d; i++) total += covariance[i, i];
        double orthogonal = total;
        foreach (double[] q in spanBasis)
            for (int i = 0; i < d; i++)
                for (int k = 0; k < d; k++) orthogonal -= q[i] * covariance[i, k] * q[k];
        return (total, orthogonal);
    }

    /// <summary>Cov Δw of one SGD step (step size <paramref name="eta"/>, batch <paramref name="batch"/>) from <paramref name="w"/>, by quadrature (see <see cref="ExactVariances"/>).</summary>
    internal static double[,] ExactCovariance(Problem problem, double[] w, double eta, int batch)
    {
        int d = problem.Dimension;
        double sigma = problem.Sigma;
        double[] sqrtLambda = problem.Spectrum.SqrtLambda.ToArray();
        double[] v = Enumerable.Range(0, d).Select(i => sqrtLambda[i] * w[i]).ToArray();
        double[][] u = Orthonormalize(problem.SqrtQTeacher.ToArray(), v);
        double c0 = Dot(u[0], v), c1 = Dot(u[1], v), t0 = Dot(u[0], problem.SqrtQTeacher.ToArray()), t1 = Dot(u[1], problem.SqrtQTeacher.ToArray());

        var (nodes, weights) = GaussHermite6();
        double er2 = 0;
        var er2aa = new double[2, 2];
        var era = new double[2];
        for (int i = 0; i < nodes.Length; i++)
            for (int j = 0; j < nodes.Length; j++)
            {
                double a0 = nodes[i], a1 = nodes[j], weight = weights[i] * weights[j];
                double z = a0 * c0 + a1 * c1, zStar = a0 * t0 + a1 * t1, excess = z * z - zStar * zStar;
                double r2 = 16 * z * z * (excess * excess + sigma * sigma);
                er2 += weight * r2;
                er2aa[0, 0] += weight * r2 * a0 * a0;
                er2aa[0, 1] += weight * r2 * a0 * a1;
                er2aa[1, 1] += weight * r2 * a1 * a1;
                era[0] += weight * 4 * excess * z * a0;
                era[1] += weight * 4 * excess * z * a1;
            }
        er2aa[1, 0] = er2aa[0, 1];
        double[] meanH = Enumerable.Range(0, d).Select(i => u[0][i] * era[0] + u[1][i] * era[1]).ToArray();
        var covariance = new double[d, d];
        double scale = eta * eta / batch;
        for (int i = 0; i < d; i++)
            for (int k = 0; k < d; k++)
            {
                double inSpan = 0, projector = 0;
                for (int p = 0; p < 2; p++)
                {
                    projector += u[p][i] * u[p][k];
                    for (int q = 0; q < 2; q++) inSpan += u[p][i] * er2aa[p, q] * u[q][k];
                }
                double covH = inSpan + er2 * ((i == k ? 1 : 0) - projector) - meanH[i] * meanH[k];
                covariance[i, k] = scale * sqrtLambda[i] * covH * sqrtLambda[k];
            }
        return covariance;
    }

    /// <summary>Nodes and weights of the 6-point rule for E f(a), a ~ N(0, 1): roots of He₆ = x⁶ − 15x⁴ + 45x² − 15, weights 6!/(6·He₅(x))².</summary>
    internal static (double[] Nodes, double[] Weights) GaussHermite6()
    {
        var nodes = new List<double>();
        foreach (double guess in new[] { 0.3, 3.0, 11.0 })
        {
            double y = guess; // y = x² solves y³ − 15y² + 45y − 15 = 0
            for (int iteration = 0; iteration < 100; iteration++) y -= (y * y * y - 15 * y * y + 45 * y - 15) / (3 * y * y - 30 * y + 45);
            nodes.Add(Math.Sqrt(y));
            nodes.Add(-Math.Sqrt(y));
        }
        double[] weights = nodes.Select(x => { double he5 = x * x * x * x * x - 10 * x * x * x + 15 * x; return 720 / (36 * he5 * he5); }).ToArray();
        return (nodes.ToArray(), weights);
    }

    [Fact]
    public void GaussHermiteRuleIntegratesNormalMomentsExactly()
    {
        var (nodes, weights) = GaussHermite6();
        double[] expected = [1, 0, 1, 0, 3, 0, 15, 0, 105, 0, 945, 0]; // E a^k, k = 0…11
        for (int k = 0; k < expected.Length; k++)
        {
            double moment = 0;
            for (int i = 0; i < nodes.Length; i++) moment += weights[i] * Math.Pow(nodes[i], k);
            Assert.Equal(expected[k], moment, 1e-11 * Math.Max(1, expected[k]));
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[][] Orthonormalize(params double[][] vectors)
    {
        var basis = new List<double[]>();
        foreach (double[] v in vectors)
        {
            double[] e = (double[])v.Clone();
            for (int pass = 0; pass < 2; pass++)
                foreach (double[] q in basis) { double c = Dot(q, e); for (int i = 0; i < e.Length; i++) e[i] -= c * q[i]; }
            double norm = Math.Sqrt(Dot(e, e));
            basis.Add(e.Select(x => x / norm).ToArray());
        }
        return basis.ToArray();
    }
}
