using FastPR.Core;
using Xunit.Abstractions;
using Width = FastPR.Core.SimdGaussianSource.LaneWidth;

namespace FastPR.Tests.Randomness;

/// <summary>The stream is well defined (width-, chunking- and skip-independent) and is N(0, 1) i.i.d. to the resolution of 4·10^6 samples.</summary>
public class SimdGaussianSourceTests(ITestOutputHelper output)
{
    private const int N = 4_000_000;
    private const ulong Key = 0x0123_4567_89AB_CDEF;

    private static readonly Lazy<double[]> Sample = new(() => Draw(Key, N));

    private static double[] Draw(ulong key, int count, Width? width = null)
    {
        using var source = width is { } w ? new SimdGaussianSource(key, w) : new SimdGaussianSource(key);
        var values = new double[count];
        source.Fill(values);
        return values;
    }

    /// <summary>The paths this machine can run (the others cannot be tested here).</summary>
    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        foreach (var width in new[] { Width.Scalar, Width.Vector128, Width.Vector256, Width.Vector512 })
            if (SimdGaussianSource.IsSupported(width)) data.Add((int)width);
        return data;
    }

    [Fact]
    public void NameIdentifiesGeneratorAndTransform()
    {
        using var source = new SimdGaussianSource(1);
        Assert.Equal("managed-simd:Philox4x32-10/BoxMuller", source.Name);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void EveryWidthGivesTheSameStreamBitForBit(int lanes)
    {
        var width = (Width)lanes;
        double[] scalar = Draw(Key, 100_003, Width.Scalar);
        double[] vector = Draw(Key, 100_003, width);
        for (int i = 0; i < scalar.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(scalar[i]) == BitConverter.DoubleToInt64Bits(vector[i]), $"sample {i}: {scalar[i]:R} vs {vector[i]:R}");
    }

    [Fact]
    public void MatchesTheScalarManagedSourceToRoundingOfLnSinCos()
    {
        // Same block → sample mapping as ManagedGaussianSource; only the evaluation of ln, sin, cos differs (a few ulps
        // of the radius, ~1e-15 absolute in sin/cos), so samples agree to ~1e-14 absolute.
        double[] simd = Draw(Key, 1_000_000);
        var managed = new double[simd.Length];
        using (var source = new ManagedGaussianSource(Key)) source.Fill(managed);
        double worst = 0;
        for (int i = 0; i < simd.Length; i++) worst = Math.Max(worst, Math.Abs(simd[i] - managed[i]) / Math.Max(1, Math.Abs(managed[i])));
        Assert.True(worst < 1e-14, $"max |Δ|/max(1, |x|) = {worst:E2}");
    }

    [Fact]
    public void ChunkedFillsGiveTheSameStreamAsOneFill()
    {
        double[] whole = Draw(Key, 20_000);
        using var source = new SimdGaussianSource(Key);
        var chunked = new double[whole.Length];
        var random = new Random(17);
        int position = 0;
        while (position < chunked.Length)
        {
            // Every length from 0 to 70, so odd starts, partial calls and multi-call chunks all occur.
            int length = Math.Min(random.Next(0, 71), chunked.Length - position);
            source.Fill(chunked.AsSpan(position, length));
            position += length;
            Assert.Equal(position, source.Position);
        }
        Assert.Equal(whole, chunked);
    }

    [Fact]
    public void SkipAheadJumpsToTheSameSamples()
    {
        double[] whole = Draw(Key, 10_000);
        foreach (long skip in new long[] { 0, 1, 2, 15, 16, 17, 31, 33, 4097 })
        {
            using var source = new SimdGaussianSource(Key);
            source.SkipAhead(skip);
            var tail = new double[1000];
            source.Fill(tail);
            Assert.Equal(whole.AsSpan((int)skip, 1000).ToArray(), tail);
        }
    }

    [Fact]
    public void SkipAheadFarIntoTheStreamEqualsTheManagedSourceThere()
    {
        const long far = 3_000_000_000_017; // beyond 2^32 pairs: the counter's high word is used
        using var simd = new SimdGaussianSource(Key);
        using var managed = new ManagedGaussianSource(Key);
        simd.SkipAhead(far);
        managed.SkipAhead(far);
        var a = new double[64];
        var b = new double[64];
        simd.Fill(a);
        managed.Fill(b);
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-14 * Math.Max(1, Math.Abs(b[i])));
    }

    [Fact]
    public void NegativeSkipIsRejected()
    {
        using var source = new SimdGaussianSource(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.SkipAhead(-1));
    }

    [Fact]
    public void MomentsAreStandardNormalWithinFiveStandardErrors()
    {
        double[] x = Sample.Value;
        var (m1, m2, m4) = Stats.RawMoments(x);
        // Under N(0,1): Var x = 1, Var x² = 2, Var x⁴ = 105 − 9 = 96.
        output.WriteLine($"z-scores: mean {m1 * Math.Sqrt(N):F2}, E x² {(m2 - 1) / Math.Sqrt(2.0 / N):F2}, E x⁴ {(m4 - 3) / Math.Sqrt(96.0 / N):F2}");
        Assert.True(Math.Abs(m1) < 5 / Math.Sqrt(N), $"mean {m1}");
        Assert.True(Math.Abs(m2 - 1) < 5 * Math.Sqrt(2.0 / N), $"E x² {m2}");
        Assert.True(Math.Abs(m4 - 3) < 5 * Math.Sqrt(96.0 / N), $"E x⁴ {m4}");
    }

    [Fact]
    public void KolmogorovSmirnovAgainstTheNormalCdfPassesAtOnePerMille()
    {
        double[] x = (double[])Sample.Value.Clone();
        double d = Stats.KsStatistic(x, Stats.NormalCdf);
        double p = Stats.KolmogorovSurvival(Math.Sqrt(N) * d);
        output.WriteLine($"n = {N}: D = {d:E3}, √n·D = {Math.Sqrt(N) * d:F3}, p = {p:F3}");
        Assert.True(p > 1e-3, $"D = {d:E3}, p = {p:E3}");
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(4.0)]
    [InlineData(5.0)]
    public void TailFrequenciesMatchTheNormalWithinFiveBinomialSe(double threshold)
    {
        long count = 0;
        foreach (double v in Sample.Value) if (Math.Abs(v) > threshold) count++;
        double p = 2 * Stats.NormalCdf(-threshold);
        double expected = N * p, se = Math.Sqrt(N * p * (1 - p));
        output.WriteLine($"|x| > {threshold}: {count} vs {expected:F1} ± {se:F1} ({(count - expected) / se:F2} SE)");
        Assert.True(Math.Abs(count - expected) < 5 * se, $"|x| > {threshold}: {count} vs {expected:F1} ± {se:F1}");
    }

    [Theory]
    [InlineData(1)]  // the two halves of one Box–Muller pair
    [InlineData(2)]  // neighbouring lanes
    [InlineData(3)]
    [InlineData(8)]  // one 256-bit register of pairs apart
    [InlineData(16)] // one 512-bit register apart
    [InlineData(17)]
    [InlineData(32)] // one two-register kernel call apart
    [InlineData(1000)]
    public void LaggedSamplesAndTheirSquaresAreUncorrelated(int lag)
    {
        double[] x = Sample.Value;
        int n = N - lag;
        ReadOnlySpan<double> head = x.AsSpan(0, n), tail = x.AsSpan(lag, n);
        double bound = 5 / Math.Sqrt(n);
        double linear = Stats.Correlation(head, tail);
        Assert.True(Math.Abs(linear) < bound, $"corr(x_i, x_i+{lag}) = {linear:E2}");
        double squares = Stats.Correlation(Square(head), Square(tail));
        Assert.True(Math.Abs(squares) < bound, $"corr(x_i², x_i+{lag}²) = {squares:E2}");
    }

    [Fact]
    public void NeighbouringKeysGiveUncorrelatedStreams()
    {
        const int n = 1_000_000;
        double[] a = Draw(Key, n), b = Draw(Key + 1, n), c = Draw(SeedSequence.RunKey(1, 0), n), e = Draw(SeedSequence.RunKey(1, 1), n);
        double bound = 5 / Math.Sqrt(n);
        foreach (var (x, y, what) in new[] { (a, b, "keys k, k+1"), (c, e, "RunKey(1,0), RunKey(1,1)") })
        {
            double linear = Stats.Correlation(x, y), squares = Stats.Correlation(Square(x), Square(y));
            Assert.True(Math.Abs(linear) < bound, $"{what}: corr = {linear:E2}");
            Assert.True(Math.Abs(squares) < bound, $"{what}: corr of squares = {squares:E2}");
        }
    }

    [Fact]
    public void FillAllocatesNothing()
    {
        using var source = new SimdGaussianSource(3);
        var buffer = new double[1001];
        source.Fill(buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) source.Fill(buffer.AsSpan(0, 1 + i % 1000));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double[] Square(ReadOnlySpan<double> x)
    {
        var result = new double[x.Length];
        for (int i = 0; i < x.Length; i++) result[i] = x[i] * x[i];
        return result;
    }
}
