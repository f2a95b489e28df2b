using FastPR.Core;
using Width = FastPR.Core.SimdGaussianSource.LaneWidth;

namespace FastPR.Tests.Randomness;

/// <summary>
/// The SIMD Gaussian sources at every fill length 0…256 and some odd larger ones, so every remainder of their vector loops
/// and caches runs: each supported width gives bitwise the values of the scalar lanes (the plain-loop oracle), and a fill
/// of n is the first n values of a longer fill.
/// </summary>
public class SourceLengthSweepTests
{
    private const ulong Key = 0xC0FF_EE00_1234_5678;

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (int n in Enumerable.Range(0, 257).Concat([301, 1001, 4099])) data.Add(n);
        return data;
    }

    private static readonly Width[] Widths = [Width.Vector256, Width.Vector512];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Ziggurat_EveryWidthMatchesTheScalarLanes(int n)
    {
        double[] reference = Fill(new ZigguratGaussianSource(Key, Width.Scalar), n + 64);
        float[] referenceSingle = FillSingle(new ZigguratGaussianSource(Key, Width.Scalar), n + 64);
        foreach (var width in Widths.Where(ZigguratGaussianSource.IsSupported))
        {
            Assert.Equal(reference.AsSpan(0, n).ToArray(), Fill(new ZigguratGaussianSource(Key, width), n));
            Assert.Equal(referenceSingle.AsSpan(0, n).ToArray(), FillSingle(new ZigguratGaussianSource(Key, width), n));
        }
        Assert.Equal(reference.AsSpan(0, n).ToArray(), Fill(new ZigguratGaussianSource(Key, Width.Scalar), n));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void PhiloxBoxMuller_EveryWidthMatchesTheScalarLanes(int n)
    {
        double[] reference = Fill(new SimdGaussianSource(Key, Width.Scalar), n + 64);
        foreach (var width in Widths.Where(SimdGaussianSource.IsSupported))
            Assert.Equal(reference.AsSpan(0, n).ToArray(), Fill(new SimdGaussianSource(Key, width), n));
        Assert.Equal(reference.AsSpan(0, n).ToArray(), Fill(new SimdGaussianSource(Key, Width.Scalar), n));
    }

    private static double[] Fill(IGaussianSource source, int n)
    {
        using (source)
        {
            var values = new double[n];
            source.Fill(values);
            return values;
        }
    }

    private static float[] FillSingle(ZigguratGaussianSource source, int n)
    {
        using (source)
        {
            var values = new float[n];
            source.Fill(values);
            return values;
        }
    }
}
