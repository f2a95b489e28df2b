using FastPR.Core.Dynamics;
using FastPR.Core.Engines;
using FastPR.Core.Model;
using FastPR.Core.Randomness;
using FastPR.Core.Statistics;

namespace FastPR.Tests.Projected;

/// <summary>
/// The law of one step Δw from a fixed, generic w (MODEL.md §6 "tests with teeth"). Both samplers must give
/// E Δw = −η∇L and the same spread, in total and outside span{Qw, Qw*}. Only the orthogonal noise ‖r‖(I − UUᵀ)ξ reaches
/// that complement in the projected engine (Q^½·U lies in the span), so the wrong variant's orthogonal variance is zero.
/// </summary>
public class OneStepLawTests
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
            PopulationGradient.Compute(Problem, new ModelStatistics(Problem).SStar, W, gradient);
            Mean = gradient.Select(x => -Eta * x).ToArray();
            double[] qw = Enumerable.Range(0, D).Select(i => Problem.Spectrum.Lambda[i] * W[i]).ToArray();
            SpanBasis = Orthonormalize(Problem.QTeacher.ToArray(), qw);
        }

        public Problem Problem { get; }
        public double[] W { get; }
        public double[] Mean { get; }
        public double[][] SpanBasis { get; }
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
        Assert.True(Agree(a.Total, b.Total), $"Σ Var Δw: explicit {a.Total}, projected {b.Total}");
    }

    [Fact]
    public void VarianceOutsideTheSpanAgreesAndIsClearlyNonZero()
    {
        Law a = Explicit.Value, b = Projected.Value;
        Assert.True(Agree(a.Orthogonal, b.Orthogonal), $"orthogonal variance: explicit {a.Orthogonal}, projected {b.Orthogonal}");
        Assert.True(a.Orthogonal.Mean > 50 * a.Orthogonal.StandardError, $"explicit orthogonal variance {a.Orthogonal}");
        Assert.True(a.Orthogonal.Mean > 0.05 * a.Total.Mean, $"orthogonal share {a.Orthogonal.Mean / a.Total.Mean:P1}");
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
