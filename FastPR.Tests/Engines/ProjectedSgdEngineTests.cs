using FastPR.Core;

namespace FastPR.Tests.Engines;

/// <summary>Layout, allocation, degenerate spans, and the exact algebra of the projected step.</summary>
public class ProjectedSgdEngineTests
{
    private static Problem MakeProblem(int d = 40, double sigma = 0, ulong seed = 5) => new(new ProblemSpec(d, 1.5, Sigma: sigma, ProblemSeed: seed));

    private static ProjectedSgdEngine MakeEngine(Problem problem, int batch = 4, double eta = 0.01, ulong key = 9) =>
        new(problem, new SgdSettings(batch, eta), new SimdGaussianSource(key));

    [Theory]
    [InlineData(0.0, 1, 42)]
    [InlineData(0.0, 16, 72)]
    [InlineData(0.5, 1, 43)]
    [InlineData(0.5, 16, 88)]
    public void GaussiansPerStepIsTwoBPlusDPlusBWithLabelNoise(double sigma, int batch, int expected)
    {
        using var engine = MakeEngine(MakeProblem(40, sigma), batch);
        Assert.Equal(expected, engine.GaussiansPerStep);
        Assert.Equal(expected, ProjectedSgdEngine.GaussiansFor(engine.Problem, batch));
        Assert.Equal("projected", engine.Name);
    }

    [Fact]
    public void UpdateRejectsBuffersOfTheWrongLength()
    {
        using var engine = MakeEngine(MakeProblem());
        var w = new double[40];
        Assert.Throws<ArgumentException>(() => engine.Update(w, new double[engine.GaussiansPerStep - 1]));
        Assert.Throws<ArgumentException>(() => engine.Update(new double[39], new double[engine.GaussiansPerStep]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void TenThousandStepsAllocateNothing(double sigma)
    {
        var problem = MakeProblem(100, sigma);
        using var engine = MakeEngine(problem, batch: 16, eta: 0.005);
        double[] w = problem.CopyInitialPoint();
        engine.Step(w);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) engine.Step(w);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.All(w, x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void SameKeyGivesTheSameTrajectory()
    {
        var problem = MakeProblem(30, 0.3);
        double[] a = problem.CopyInitialPoint(), b = problem.CopyInitialPoint();
        using (var engine = MakeEngine(problem, key: 77)) for (int i = 0; i < 200; i++) engine.Step(a);
        using (var engine = MakeEngine(problem, key: 77)) for (int i = 0; i < 200; i++) engine.Step(b);
        Assert.Equal(a, b);
    }

    public static TheoryData<string, double> DegenerateStarts() => new()
    {
        { "zero", 0.0 }, { "zero", 0.5 },
        { "teacher", 0.0 }, { "teacher", 0.5 },
        { "minus teacher", 0.0 }, { "minus teacher", 0.5 },
        { "teacher·(1+1e-14)", 0.0 }, { "teacher·(1+1e-14)", 0.5 },
        { "teacher·0.3", 0.0 }, { "teacher·0.3", 0.5 },
    };

    private static double[] Start(Problem problem, string kind)
    {
        double[] w = new double[problem.Dimension];
        double factor = kind switch { "zero" => 0, "teacher" => 1, "minus teacher" => -1, "teacher·(1+1e-14)" => 1 + 1e-14, _ => 0.3 };
        for (int i = 0; i < w.Length; i++) w[i] = factor * problem.Teacher[i];
        return w;
    }

    [Theory]
    [MemberData(nameof(DegenerateStarts))]
    public void DegenerateSpansGiveFiniteUpdates(string start, double sigma)
    {
        var problem = MakeProblem(40, sigma);
        using var engine = MakeEngine(problem);
        double[] w = Start(problem, start);
        for (int i = 0; i < 100; i++)
        {
            engine.Step(w);
            Assert.All(w, x => Assert.True(double.IsFinite(x), $"{start}, σ = {sigma}: non-finite after step {i}"));
        }
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("teacher")]
    [InlineData("minus teacher")]
    public void WithoutLabelNoiseZeroAndTheMinimaAreFixedPoints(string start)
    {
        // w = 0: z = 0, so r = 4(z² − y)z = 0. w = ±w*: z = ±z*, so z² − y = 0. Either way the step is exactly zero.
        var problem = MakeProblem(40, 0);
        using var engine = MakeEngine(problem, batch: 8);
        double[] w = Start(problem, start), before = (double[])w.Clone();
        for (int i = 0; i < 100; i++) engine.Step(w);
        Assert.Equal(before, w);
    }

    [Fact]
    public void WithLabelNoiseZeroStaysZero()
    {
        var problem = MakeProblem(40, 0.5);
        using var engine = MakeEngine(problem);
        double[] w = new double[40];
        for (int i = 0; i < 100; i++) engine.Step(w);
        Assert.All(w, x => Assert.Equal(0.0, x));
    }

    public static TheoryData<string, double, int> ExactCases() => new()
    {
        { "generic", 0.0, 1 }, { "generic", 0.0, 7 }, { "generic", 0.7, 7 },
        { "parallel", 0.0, 5 }, { "parallel", 0.7, 5 },
        { "zero teacher", 0.7, 3 },
    };

    /// <summary>
    /// The identity behind the engine, checked without statistics: draw an explicit G, set A = G·U and
    /// ξ = (I − UUᵀ)Gᵀr/‖r‖ (plus a component inside span U, which the engine must project out). The projected update
    /// must then equal the reference update on G to rounding. U follows the documented convention: u1 = v*/‖v*‖,
    /// u2 = the normalised residual of v (u1 = v/‖v‖ for a zero teacher).
    /// </summary>
    [Theory]
    [MemberData(nameof(ExactCases))]
    public void ProjectedUpdateEqualsExplicitUpdateForMatchedDraws(string kind, double sigma, int batch)
    {
        const int d = 30;
        var spec = new ProblemSpec(d, 1.5, Sigma: sigma, ProblemSeed: 21);
        var drawn = new Problem(spec);
        double[] teacher = kind == "zero teacher" ? new double[d] : drawn.Teacher.ToArray();
        double[] w = kind == "parallel" ? teacher.Select(x => -0.4 * x).ToArray() : drawn.CopyInitialPoint();
        var problem = new Problem(spec, teacher, w);
        var settings = new SgdSettings(batch, 0.05);
        using var reference = new ReferenceSgdEngine(problem, settings, new SimdGaussianSource(1));
        // The sampler at every B, also B = 1, where the engine would otherwise take the explicit step on ξ.
        using var projected = new ProjectedSgdEngine(problem, settings, new SimdGaussianSource(2), dropOrthogonalNoise: false, projectAtBatchOne: true);

        var explicitDraws = new double[reference.GaussiansPerStep];
        using (var source = new SimdGaussianSource(333)) source.Fill(explicitDraws);
        ReadOnlySpan<double> g = ExplicitMinibatch.Data(explicitDraws, problem, batch);
        ReadOnlySpan<double> labelNoise = ExplicitMinibatch.LabelNoise(explicitDraws, problem, batch);

        double[] sqrtLambda = problem.Spectrum.SqrtLambda.ToArray();
        double[] v = Enumerable.Range(0, d).Select(i => sqrtLambda[i] * w[i]).ToArray();
        double[] vStar = problem.SqrtQTeacher.ToArray();
        var basis = new List<double[]>();
        foreach (double[] candidate in new[] { vStar, v })
        {
            double[] e = (double[])candidate.Clone();
            for (int pass = 0; pass < 2; pass++)
                foreach (double[] q in basis) { double c = Dot(q, e); for (int i = 0; i < d; i++) e[i] -= c * q[i]; }
            double norm = Math.Sqrt(Dot(e, e));
            if (norm > 1e-9 * Math.Sqrt(Dot(candidate, candidate))) basis.Add(e.Select(x => x / norm).ToArray());
        }
        Assert.Equal(kind == "generic" ? 2 : 1, basis.Count);

        // r from the explicit batch, then A = G·U and Gᵀr.
        var projectedDraws = new double[projected.GaussiansPerStep];
        var gtr = new double[d];
        double r2 = 0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<double> row = g.Slice(b * d, d);
            double z = 0, zStar = 0;
            for (int i = 0; i < d; i++) { z += row[i] * v[i]; zStar += row[i] * vStar[i]; }
            double y = zStar * zStar + (sigma > 0 ? sigma * labelNoise[b] : 0);
            double r = 4 * (z * z - y) * z;
            r2 += r * r;
            for (int i = 0; i < d; i++) gtr[i] += r * row[i];
            for (int k = 0; k < basis.Count; k++) projectedDraws[2 * b + k] = Dot(basis[k], row.ToArray());
            if (basis.Count == 1) projectedDraws[2 * b + 1] = 123.0; // the unused column must not matter
            if (sigma > 0) projectedDraws[2 * batch + d + b] = labelNoise[b];
        }
        double[] xi = (double[])gtr.Clone();
        foreach (double[] q in basis) { double c = Dot(q, xi); for (int i = 0; i < d; i++) xi[i] -= c * q[i]; }
        for (int i = 0; i < d; i++) xi[i] = xi[i] / Math.Sqrt(r2) + 0.9 * basis[0][i]; // in-span part must be projected out
        xi.CopyTo(projectedDraws, 2 * batch);

        double[] wReference = (double[])w.Clone(), wProjected = (double[])w.Clone();
        reference.Update(wReference, explicitDraws);
        projected.Update(wProjected, projectedDraws);
        double scale = 0;
        for (int i = 0; i < d; i++) scale = Math.Max(scale, Math.Abs(wReference[i] - w[i]));
        Assert.True(scale > 1e-6, "the step should move w");
        for (int i = 0; i < d; i++)
            Assert.True(Math.Abs(wProjected[i] - wReference[i]) <= 1e-10 * scale, $"coordinate {i}: {wProjected[i]:R} vs {wReference[i]:R} (step scale {scale:E2})");
    }

    /// <summary>
    /// At B = 1 the engine takes the explicit step with ξ as the data row: bit for bit <see cref="MklSgdEngine"/>'s update on
    /// [label noise, ξ], whatever A holds, at every SIMD remainder, from a generic w and from ±w* (a fixed point at σ = 0),
    /// and at a changed step size.
    /// </summary>
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(7, 0.0)]
    [InlineData(9, 0.3)]
    [InlineData(30, 0.0)]
    [InlineData(30, 0.3)]
    [InlineData(1000, 0.0)]
    [InlineData(1003, 0.3)]
    public void AtBatchOneTheStepIsTheExplicitStepOnXi(int d, double sigma)
    {
        var problem = new Problem(new ProblemSpec(d, 1.5, Sigma: sigma, ProblemSeed: 5));
        var settings = new SgdSettings(1, 0.05);
        using var projected = new ProjectedSgdEngine(problem, settings, new SimdGaussianSource(1));
        using var mkl = new MklSgdEngine(problem, settings, new SimdGaussianSource(2));
        using var source = new SimdGaussianSource(77);
        double[] projectedDraws = new double[projected.GaussiansPerStep], explicitDraws = new double[mkl.GaussiansPerStep];
        Assert.Equal(projectedDraws.Length, explicitDraws.Length + 2);
        double[] teacher = problem.Teacher.ToArray();
        foreach ((double[] start, bool atTeacher) in new[] { (problem.CopyInitialPoint(), false), (teacher, true), (teacher.Select(x => -x).ToArray(), true) })
        {
            double[] wProjected = start.ToArray(), wExplicit = start.ToArray();
            for (int step = 0; step < 4; step++)
            {
                source.Fill(projectedDraws);
                // Explicit layout: label noise first, then the row; the projected one: A (2), ξ (d), label noise.
                if (sigma > 0) explicitDraws[0] = projectedDraws[2 + d];
                projectedDraws.AsSpan(2, d).CopyTo(explicitDraws.AsSpan(sigma > 0 ? 1 : 0));
                double eta = step == 3 ? 0.02 : 0.05;
                projected.Update(wProjected, projectedDraws, eta);
                mkl.Update(wExplicit, explicitDraws, eta);
                Assert.Equal(wExplicit.Select(BitConverter.DoubleToInt64Bits), wProjected.Select(BitConverter.DoubleToInt64Bits));
            }
            if (atTeacher && sigma == 0) Assert.Equal(start, wProjected); // r = 0 exactly at ±w*: w does not move
            else Assert.NotEqual(start, wProjected);
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
