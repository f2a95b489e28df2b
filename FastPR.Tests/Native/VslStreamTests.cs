using System.Runtime.InteropServices;
using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Reproducibility (seed, skip-ahead, copy), uniform ranges, and every bad argument becoming an MklException rather than a crash.</summary>
public class VslStreamTests
{
    public static IEnumerable<object[]> SkipAheadGenerators() =>
        new[] { VslBrng.Mcg31, VslBrng.Mrg32k3a, VslBrng.Mcg59, VslBrng.Mt19937, VslBrng.Sfmt19937, VslBrng.Ars5, VslBrng.Philox4x32x10 }
            .Select(b => new object[] { b });

    [MklTheory]
    [MemberData(nameof(SkipAheadGenerators))]
    public void SameSeedSameStream(VslBrng brng)
    {
        using VslStream a = VslStream.Create(brng, 42), b = VslStream.Create(brng, 42), c = VslStream.Create(brng, 43);
        double[] x = new double[1000], y = new double[1000], z = new double[1000];
        a.Gaussian(x);
        b.Gaussian(y);
        c.Gaussian(z);
        AssertBitwiseEqual(x, y, $"{brng} seed 42 twice");
        Assert.False(x.AsSpan().SequenceEqual(z), $"{brng}: seeds 42 and 43 gave the same samples");
        Assert.Equal(brng, a.Brng);
    }

    [MklTheory]
    [MemberData(nameof(SkipAheadGenerators))]
    public void SkipAheadWithIcdfLandsOnSampleN(VslBrng brng)
    {
        const int skip = 12_345, count = 3_000;
        using VslStream whole = VslStream.Create(brng, 2024), skipped = VslStream.Create(brng, 2024);
        var all = new double[skip + count];
        whole.Gaussian(all, method: VslGaussianMethod.Icdf);

        skipped.SkipAhead(skip);
        var tail = new double[count];
        skipped.Gaussian(tail, method: VslGaussianMethod.Icdf);
        AssertBitwiseEqual(all.AsSpan(skip), tail, $"{brng} skip {skip}");
    }

    [MklTheory]
    [InlineData(VslBrng.Mcg59)]
    [InlineData(VslBrng.Sfmt19937)]
    [InlineData(VslBrng.Philox4x32x10)]
    public void SkipAheadWithIcdfLandsOnSampleNInSinglePrecision(VslBrng brng)
    {
        const int skip = 1_001, count = 2_000;
        using VslStream whole = VslStream.Create(brng, 9), skipped = VslStream.Create(brng, 9);
        var all = new float[skip + count];
        whole.Gaussian(all);
        skipped.SkipAhead(skip);
        var tail = new float[count];
        skipped.Gaussian(tail);
        Assert.True(MemoryMarshal.AsBytes(all.AsSpan(skip)).SequenceEqual(MemoryMarshal.AsBytes(tail.AsSpan())), $"{brng} float skip");
    }

    [MklFact]
    public void OneSeedWordEqualsScalarSeed()
    {
        using VslStream scalar = VslStream.Create(VslBrng.Mt19937, 123456), words = VslStream.Create(VslBrng.Mt19937, [123456u]);
        using VslStream longer = VslStream.Create(VslBrng.Mt19937, [123456u, 99u, 7u]);
        double[] a = new double[500], b = new double[500], c = new double[500];
        scalar.Gaussian(a);
        words.Gaussian(b);
        longer.Gaussian(c);
        AssertBitwiseEqual(a, b, "vslNewStreamEx with one word");
        Assert.False(a.AsSpan().SequenceEqual(c), "three seed words gave the same stream as one");
    }

    [MklFact]
    public void EmptySpansDoNotAdvanceTheStream()
    {
        using VslStream touched = VslStream.Create(VslBrng.Mcg59, 1), fresh = VslStream.Create(VslBrng.Mcg59, 1);
        touched.Gaussian(Span<double>.Empty);
        touched.Gaussian(Span<float>.Empty);
        double[] x = new double[10], y = new double[10];
        touched.Gaussian(x);
        fresh.Gaussian(y);
        AssertBitwiseEqual(x, y, "after empty draws");
    }

    [MklFact]
    public void InvalidGeneratorIsAnExceptionNotACrash()
    {
        var ex = Assert.Throws<MklException>(() => VslStream.Create((VslBrng)0x123, 1));
        Assert.Equal(-1000, ex.Status);
        Assert.Equal("vslNewStream", ex.Call);
        Assert.Contains("VSL_RNG_ERROR_INVALID_BRNG_INDEX", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<MklException>(() => VslStream.Create((VslBrng)0x1100000, [1u, 2u]));
        Assert.Equal(-1000, ex.Status);
        Assert.Equal("vslNewStreamEx", ex.Call);
    }

    [MklTheory]
    [InlineData(VslBrng.R250)]
    [InlineData(VslBrng.Mt2203)]
    public void SkipAheadUnsupported(VslBrng brng)
    {
        using VslStream stream = VslStream.Create(brng, 1);
        var ex = Assert.Throws<MklException>(() => stream.SkipAhead(10));
        Assert.Equal(-1003, ex.Status);
        Assert.Equal("vslSkipAheadStream", ex.Call);
        Assert.Contains("VSL_RNG_ERROR_SKIPAHEAD_UNSUPPORTED", ex.Message, StringComparison.Ordinal);

        // The stream is still usable after the refusal.
        var x = new double[4];
        stream.Gaussian(x);
        Assert.All(x, v => Assert.True(double.IsFinite(v)));
    }

    [MklFact]
    public void BadDistributionArgumentsAreBadArgs()
    {
        using VslStream stream = VslStream.Create(VslBrng.Mcg59, 1);
        var x = new double[8];
        var xf = new float[8];
        AssertBadArgs(() => stream.Gaussian(x, 0, 0), "vdRngGaussian");
        AssertBadArgs(() => stream.Gaussian(xf, 0, -1), "vsRngGaussian");
        AssertBadArgs(() => stream.Gaussian(x, method: (VslGaussianMethod)7), "vdRngGaussian");
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.SkipAhead(-1));
    }

    [MklFact]
    public void DisposedStreamThrows()
    {
        VslStream stream = VslStream.Create(VslBrng.Mcg59, 1);
        stream.Dispose();
        stream.Dispose();
        Assert.True(stream.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => stream.Gaussian(new double[4]));
        Assert.Throws<ObjectDisposedException>(() => stream.SkipAhead(1));
    }

    [MklFact]
    public void DrawsAllocateNothing()
    {
        using VslStream stream = VslStream.Create(VslBrng.Sfmt19937, 1);
        double[] x = new double[1024];
        float[] xf = new float[1024];
        stream.Gaussian(x);
        stream.Gaussian(xf);
        stream.SkipAhead(1);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            stream.Gaussian(x);
            stream.Gaussian(xf, 1f, 2f, VslGaussianMethod.BoxMuller2);
            stream.SkipAhead(1000);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertBadArgs(Action draw, string call)
    {
        var ex = Assert.Throws<MklException>(draw);
        Assert.Equal(-3, ex.Status);
        Assert.Equal(call, ex.Call);
        Assert.Contains("VSL_ERROR_BADARGS", ex.Message, StringComparison.Ordinal);
        // MKL's error handler is FastPR's: it keeps which parameter was wrong for the exception instead of printing it.
        Assert.Matches($@"\(MKL: parameter \d was incorrect on entry to {call}\)", ex.Message);
    }

    private static void AssertBitwiseEqual(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string context) =>
        Assert.True(MemoryMarshal.AsBytes(expected).SequenceEqual(MemoryMarshal.AsBytes(actual)), $"{context}: streams differ");
}
