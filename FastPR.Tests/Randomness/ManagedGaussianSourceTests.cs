using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Randomness;

/// <summary>
/// The managed Philox/Box–Muller stream: position-addressed (any split of Fill, any SkipAhead gives the same samples),
/// standard normal in law (moments and Kolmogorov–Smirnov on 10^6 samples, fixed key), and independent across keys.
/// </summary>
public class ManagedGaussianSourceTests(ITestOutputHelper output)
{
    private const int SampleCount = 1_000_000;

    private static double[] Draw(ulong key, int count, long skip = 0)
    {
        var source = new ManagedGaussianSource(key);
        source.SkipAhead(skip);
        var values = new double[count];
        source.Fill(values);
        return values;
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(7L)]
    public void SplitFillsEqualOneFillBitwise(long start)
    {
        const int total = 1001;
        double[] whole = Draw(42, total, start);
        int[][] patterns =
        [
            [1, 1, 1, 998],
            [3, 0, 5, 2, 7, 984],
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 791],
            [500, 1, 500],
            [999, 1, 1],
        ];
        foreach (int[] pattern in patterns)
        {
            Assert.Equal(total, pattern.Sum());
            var source = new ManagedGaussianSource(42);
            source.SkipAhead(start);
            var pieces = new double[total];
            int offset = 0;
            foreach (int size in pattern)
            {
                source.Fill(pieces.AsSpan(offset, size));
                offset += size;
                Assert.Equal(start + offset, source.Position);
            }
            Assert.Equal(whole, pieces); // exact equality of every double
        }
    }

    [Fact]
    public void RandomSplitsEqualOneFillBitwise()
    {
        const int total = 10_000;
        double[] whole = Draw(7, total);
        var rng = new Random(12345);
        for (int trial = 0; trial < 20; trial++)
        {
            var source = new ManagedGaussianSource(7);
            var pieces = new double[total];
            int offset = 0;
            while (offset < total)
            {
                int size = Math.Min(total - offset, rng.Next(0, 40));
                source.Fill(pieces.AsSpan(offset, size));
                offset += size;
            }
            Assert.Equal(whole, pieces);
        }
    }

    [Fact]
    public void SkipAheadReproducesTheStream()
    {
        double[] whole = Draw(99, 2000);
        foreach (long skip in new long[] { 0, 1, 2, 3, 64, 511, 1000, 1999 })
        {
            double[] tail = Draw(99, (int)(2000 - skip), skip);
            Assert.Equal(whole.AsSpan((int)skip).ToArray(), tail);
        }
        // Far positions: skipping n + 1 gives the stream skipped by n, shifted by one, across a pair boundary.
        long far = (1L << 40) + 1;
        double[] a = Draw(99, 5, far), b = Draw(99, 6, far - 1);
        Assert.Equal(b.AsSpan(1).ToArray(), a);
        // Skipping and drawing interleave consistently.
        var source = new ManagedGaussianSource(99);
        var x = new double[3];
        source.Fill(x);
        source.SkipAhead(10);
        source.Fill(x);
        Assert.Equal(whole.AsSpan(13, 3).ToArray(), x);
        Assert.Equal(16, source.Position);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.SkipAhead(-1));
    }

    [Fact]
    public void MomentsMatchTheStandardNormal()
    {
        double[] x = Draw(SeedSequence.RunKey(2025), SampleCount);
        double n = SampleCount, mean = x.Average();
        double m2 = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double m3 = x.Average(v => v * v * v), m4 = x.Average(v => v * v * v * v);
        double lag1 = 0;
        for (int i = 1; i < SampleCount; i++) lag1 += x[i] * x[i - 1];
        lag1 /= n - 1;
        output.WriteLine($"n = 10^6: mean {mean:E2} (SE {1 / Math.Sqrt(n):E1}), var {m2:F5}, E x³ {m3:F4}, E x⁴ {m4:F4}, lag-1 {lag1:E2}");
        // 5-standard-error bands: SE(mean) = 1/√n, SE(var) ≈ √(2/n), SE(E x³) = √(15/n), SE(E x⁴) = √(96/n), SE(lag-1) = 1/√n.
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(m2, 1 - 5 * Math.Sqrt(2 / n), 1 + 5 * Math.Sqrt(2 / n));
        Assert.InRange(m3, -5 * Math.Sqrt(15 / n), 5 * Math.Sqrt(15 / n));
        Assert.InRange(m4, 3 - 5 * Math.Sqrt(96 / n), 3 + 5 * Math.Sqrt(96 / n));
        Assert.InRange(lag1, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.All(x, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void KolmogorovSmirnovAgainstTheNormalCdf()
    {
        double[] x = Draw(SeedSequence.RunKey(2026), SampleCount);
        Array.Sort(x);
        double d = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double cdf = Stats.NormalCdf(x[i]);
            d = Math.Max(d, Math.Max(cdf - (double)i / x.Length, (i + 1.0) / x.Length - cdf));
        }
        output.WriteLine($"KS √n·D = {d * Math.Sqrt(x.Length):F3}, range [{x[0]:F2}, {x[^1]:F2}]");
        // √n·D has the Kolmogorov law; P(√n·D > 1.95) ≈ 0.001.
        Assert.True(d * Math.Sqrt(x.Length) < 1.95, $"KS statistic √n·D = {d * Math.Sqrt(x.Length):F3}");
        // Box–Muller reaches the tails: with 10^6 draws the extremes pass ±4.
        Assert.True(x[0] < -4 && x[^1] > 4, $"range [{x[0]}, {x[^1]}]");
    }

    [Fact]
    public void DifferentKeysGiveDifferentUncorrelatedStreams()
    {
        ulong[] keys = [0, 1, 2, SeedSequence.RunKey(0, 0), SeedSequence.RunKey(0, 1), SeedSequence.RunKey(1, 0), SeedSequence.ProblemKey(0)];
        Assert.Equal(keys.Length, keys.Distinct().Count());
        const int n = 100_000;
        var streams = keys.Select(k => Draw(k, n)).ToArray();
        for (int a = 0; a < streams.Length; a++)
        {
            for (int b = a + 1; b < streams.Length; b++)
            {
                int equal = 0;
                double dot = 0;
                for (int i = 0; i < n; i++)
                {
                    if (streams[a][i] == streams[b][i]) equal++;
                    dot += streams[a][i] * streams[b][i];
                }
                Assert.Equal(0, equal);
                Assert.InRange(dot / n, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
            }
        }
        Assert.Equal(Draw(1, 10), Draw(1, 10)); // and the same key is the same stream
    }
}
