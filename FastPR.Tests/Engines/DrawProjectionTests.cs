using FastPR.Core;

namespace FastPR.Tests.Engines;

/// <summary>The fused draw-and-project of a B = 1 explicit step against a plain fill followed by <see cref="ExplicitKernels.Project"/>.</summary>
public sealed class DrawProjectionTests
{
    // Every cache offset (the head fills 0–15 cached normals) and d around the vector widths, with fallbacks exercised:
    // 40 rounds of d ≥ 1000 draw ~180 normals off the ziggurat's fast path.
    [SkippableFact]
    public void FillAndProject_EqualsFillThenProject_BitForBit()
    {
        Skip.IfNot(ZigguratLanes.ProjectingIsFast, "The fused draw needs AVX-512 VL; the engine then takes the plain path.");
        var random = new Random(5);
        foreach (int d in new[] { 8, 15, 16, 17, 31, 32, 33, 40, 63, 64, 65, 100, 1000, 1003, 4096 })
        {
            double[] s = Vector(random, d), w = Vector(random, d), t = Vector(random, d);
            for (int head = 0; head < 16; head++)
            {
                using var fused = new ZigguratGaussianSource(77);
                using var plain = new ZigguratGaussianSource(77);
                Assert.True(fused.CanProject);
                var skip = new double[head + 16 * 3];
                fused.Fill(skip);
                plain.Fill(skip);
                Assert.Equal(head == 0 ? 0 : 16 - head, fused.CachedDoubles);
                var g = new double[d];
                var expected = new double[d];
                var z = new double[1];
                var zStar = new double[1];
                for (int round = 0; round < (d >= 1000 ? 40 : 4); round++)
                {
                    DrawProjection.FillAndProject(fused, g, s, w, t, out double actual, out double actualStar);
                    plain.Fill(expected);
                    ExplicitKernels.Project<double>(expected, 1, s, w, t, z, zStar);
                    Assert.Equal(expected, g);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(z[0]), BitConverter.DoubleToInt64Bits(actual));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(zStar[0]), BitConverter.DoubleToInt64Bits(actualStar));
                }
            }
        }
    }

    [SkippableFact]
    public void TheMklEngine_DrawsAndProjectsInOnePass_AtBatchOneOnTheZiggurat()
    {
        MklRequirement.SkipUnlessAvailable();
        Skip.IfNot(ZigguratLanes.ProjectingIsFast, "The fused draw needs AVX-512 VL.");
        var problem = new Problem(new ProblemSpec(100, 1.5));
        using var one = new MklSgdEngine(problem, new SgdSettings(1, 0.01), new ZigguratGaussianSource(1));
        using var two = new MklSgdEngine(problem, new SgdSettings(2, 0.01), new ZigguratGaussianSource(1));
        using var vsl = new MklSgdEngine(problem, new SgdSettings(1, 0.01), new ManagedGaussianSource(1));
        Assert.True(one.DrawsAndProjects);
        Assert.False(two.DrawsAndProjects);
        Assert.False(vsl.DrawsAndProjects);
    }

    private static double[] Vector(Random random, int d)
    {
        var v = new double[d];
        for (int i = 0; i < d; i++) v[i] = random.NextDouble() * 2 - 1;
        return v;
    }
}
