using FastPR.Core;

namespace FastPR.Tests.Engines;

/// <summary>
/// The fused sweeps' 128-bit forms (ARM64's NEON path, run here on x86-64's 128-bit registers) give the bits of the
/// kernels this machine dispatches to (the 256-bit forms where AVX2 exists): every length 0…64 and some larger odd ones,
/// so every vector remainder runs, for double and float G, one to five rows, each first/last combination.
/// </summary>
public class Vector128KernelsTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (int n in Enumerable.Range(0, 65).Concat([101, 1000, 1003])) data.Add(n);
        return data;
    }

    private static double[] Vector(int n, int seed)
    {
        var random = new Random(seed);
        // Magnitudes over six decades, so a sum in another order would round differently.
        return Enumerable.Range(0, n).Select(_ => (2 * random.NextDouble() - 1) * Math.Pow(10, 3 - (6 * random.NextDouble()))).ToArray();
    }

    private static void AssertBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    private static void AssertBits(double expected, double actual) => Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ExplicitProject_128_IsBitwiseTheDispatchedKernel(int d)
    {
        double[] s = Vector(d, 1), w = Vector(d, 2), t = Vector(d, 3);
        for (int rows = 1; rows <= 5; rows++)
        {
            double[] g = Vector(rows * d, 10 + rows);
            float[] gf = g.Select(x => (float)x).ToArray();
            foreach (bool scaled in new[] { false, true })
            {
                double[] sv = scaled ? [] : s;
                double[] z = new double[rows], zStar = new double[rows], z128 = new double[rows], zStar128 = new double[rows];
                ExplicitKernels.Project<double>(g, rows, sv, w, t, z, zStar);
                ExplicitKernels.Project128<double>(g, rows, sv, w, t, z128, zStar128);
                AssertBits(z, z128);
                AssertBits(zStar, zStar128);
                ExplicitKernels.Project<float>(gf, rows, sv, w, t, z, zStar);
                ExplicitKernels.Project128<float>(gf, rows, sv, w, t, z128, zStar128);
                AssertBits(z, z128);
                AssertBits(zStar, zStar128);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ExplicitAccumulate_128_IsBitwiseTheDispatchedKernel(int d)
    {
        double[] s = Vector(d, 4), w = Vector(d, 5), gtr0 = Vector(d, 6);
        const double k = -0.013;
        for (int rows = 1; rows <= 5; rows++)
        {
            double[] g = Vector(rows * d, 20 + rows), r = Vector(rows, 30 + rows);
            float[] gf = g.Select(x => (float)x).ToArray();
            foreach (bool first in new[] { false, true })
            {
                foreach (bool last in new[] { false, true })
                {
                    double[] gtr = gtr0.ToArray(), gtr128 = gtr0.ToArray(), w1 = w.ToArray(), w128 = w.ToArray();
                    ExplicitKernels.Accumulate<double>(g, rows, r, gtr, first, last, s, k, w1);
                    ExplicitKernels.Accumulate128<double>(g, rows, r, gtr128, first, last, s, k, w128);
                    AssertBits(gtr, gtr128);
                    AssertBits(w1, w128);
                    ExplicitKernels.Accumulate<float>(gf, rows, r, gtr, first, last, s, k, w1);
                    ExplicitKernels.Accumulate128<float>(gf, rows, r, gtr128, first, last, s, k, w128);
                    AssertBits(gtr, gtr128);
                    AssertBits(w1, w128);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ProjectedSweeps_128_AreBitwiseTheDispatchedKernels(int d)
    {
        double[] l = Vector(d, 7), w = Vector(d, 8), u = Vector(d, 9), xi = Vector(d, 10);
        var p = ProjectedKernels.Project(l, w, u, xi);
        var p128 = ProjectedKernels.Project128(l, w, u, xi);
        AssertBits(p.VV, p128.VV);
        AssertBits(p.UV, p128.UV);
        AssertBits(p.UXi, p128.UXi);
        AssertBits(p.VXi, p128.VXi);

        double[] e = new double[d], e128 = new double[d];
        var r = ProjectedKernels.Residual(l, w, u, 0.3, xi, e);
        var r128 = ProjectedKernels.Residual128(l, w, u, 0.3, xi, e128);
        AssertBits(e, e128);
        AssertBits(r.EE, r128.EE);
        AssertBits(r.UE, r128.UE);
        AssertBits(r.EXi, r128.EXi);

        double[] w1 = w.ToArray(), w128 = w.ToArray();
        ProjectedKernels.Update(w1, l, 0.01, 0.7, xi, -0.2, u, 0.4, e);
        ProjectedKernels.Update128(w128, l, 0.01, 0.7, xi, -0.2, u, 0.4, e);
        AssertBits(w1, w128);
        ProjectedKernels.UpdateFromV(w1, l, 0.01, 0.7, xi, -0.2, u, 0.4);
        ProjectedKernels.UpdateFromV128(w128, l, 0.01, 0.7, xi, -0.2, u, 0.4);
        AssertBits(w1, w128);
    }
}
