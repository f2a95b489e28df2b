using FastPR.Core;

namespace FastPR.Tests.Engines;

/// <summary>
/// The explicit engine's two shortcuts give the general kernels' bits: a projection fed √λ ⊙ w formed once, and the
/// one-row accumulation pass. Every length 0…64 and some odd larger ones, so every SIMD remainder runs.
/// </summary>
public class ExplicitKernelsTests
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
        return Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Project_OnPrescaledW_IsBitwiseTheSame(int d)
    {
        double[] s = Vector(d, 1), w = Vector(d, 2), t = Vector(d, 3);
        double[] scaled = s.Zip(w, (a, b) => a * b).ToArray();
        for (int rows = 1; rows <= 5; rows++)
        {
            double[] g = Vector(rows * d, 10 + rows);
            double[] z = new double[rows], zStar = new double[rows], z2 = new double[rows], zStar2 = new double[rows];
            ExplicitKernels.Project<double>(g, rows, s, w, t, z, zStar);
            ExplicitKernels.Project<double>(g, rows, default, scaled, t, z2, zStar2);
            Assert.Equal(z, z2);
            Assert.Equal(zStar, zStar2);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Accumulate_OneRow_IsBitwiseTheGeneralPass(int d)
    {
        double[] g = Vector(d, 4), s = Vector(d, 5), w = Vector(d, 6);
        const double k = -0.013;
        double[] r = [0.37];
        double[] shortcut = w.ToArray(), general = w.ToArray();
        ExplicitKernels.Accumulate<double>(g, 1, r, new double[d], first: true, last: true, s, k, shortcut);
        ExplicitKernels.Accumulate<double>(g, 1, r, new double[d], first: false, last: true, s, k, general); // Gᵀr so far = 0
        Assert.Equal(general, shortcut);
        if (d > 0) Assert.NotEqual(w, shortcut);
    }
}
