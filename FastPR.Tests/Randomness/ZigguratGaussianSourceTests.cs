using FastPR.Core;
using Xunit.Abstractions;
using Width = FastPR.Core.SimdGaussianSource.LaneWidth;

namespace FastPR.Tests.Randomness;

/// <summary>
/// The ziggurat source: its tables close, every width gives the same stream bit for bit (fast path and fallback), any
/// chunking gives the same stream, and 10^7 draws in double and in float pass Kolmogorov–Smirnov, Anderson–Darling and
/// χ² against N(0, 1), match the exact normal tail beyond r (where the tail method takes over), 4σ and 5σ, and show no
/// correlation between lanes, within a lane, or between ensemble streams.
/// </summary>
public class ZigguratGaussianSourceTests(ITestOutputHelper output)
{
    private const int N = 10_000_000;
    private const ulong Key = 0x0123_4567_89AB_CDEF;

    private static readonly Lazy<double[]> Doubles = new(() => Draw(Key, N));
    private static readonly Lazy<double[]> Singles = new(() => DrawSingles(Key, N).Select(x => (double)x).ToArray());
    private static readonly Lazy<GoodnessOfFit> DoubleFit = new(() => GoodnessOfFit.Of(Doubles.Value));
    private static readonly Lazy<GoodnessOfFit> SingleFit = new(() => GoodnessOfFit.Of(Singles.Value));

    private static double[] Draw(ulong key, int count, Width? width = null)
    {
        using var source = width is { } w ? new ZigguratGaussianSource(key, w) : new ZigguratGaussianSource(key);
        var values = new double[count];
        source.Fill(values);
        return values;
    }

    private static float[] DrawSingles(ulong key, int count, Width? width = null)
    {
        using var source = width is { } w ? new ZigguratGaussianSource(key, w) : new ZigguratGaussianSource(key);
        var values = new float[count];
        source.Fill(values);
        return values;
    }

    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        foreach (var width in new[] { Width.Scalar, Width.Vector128, Width.Vector256, Width.Vector512 })
            if (ZigguratGaussianSource.IsSupported(width)) data.Add((int)width);
        return data;
    }

    public static TheoryData<bool> Precisions() => new() { false, true };

    private Lazy<double[]> Sample(bool single) => single ? Singles : Doubles;

    // The chord and tangent bounds skip the fallback's exp only where they agree with it, including right at the curve.
    [Fact]
    public void WedgeBoundsDecideAsTheExpDoes()
    {
        var random = new Random(11);
        double[] x = ZigguratTables.X, f = ZigguratTables.F;
        long decided = 0, total = 0;
        for (int i = 1; i < ZigguratTables.Layers; i++)
        {
            for (int k = 0; k < 400; k++)
            {
                double px = x[i + 1] + random.NextDouble() * (x[i] - x[i + 1]);
                double curve = ZigguratTables.Density(px);
                double py = k % 4 switch
                {
                    0 => f[i] + random.NextDouble() * (f[i + 1] - f[i]),                    // anywhere in the wedge
                    1 => curve * (1 + (random.NextDouble() - 0.5) * 1e-9),                   // near the curve
                    2 => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(curve) + random.Next(-4, 5)), // within ulps
                    _ => curve + (random.NextDouble() - 0.5) * 4e-13,                         // around the margin
                };
                int quick = ZigguratLanes.WedgeBounds(i, px, py);
                total++;
                if (quick == 0) continue;
                decided++;
                Assert.True(quick > 0 == py < curve, $"layer {i}: x = {px:R}, y = {py:R}, f = {curve:R}, quick {quick}");
            }
            // Past x_i (W_i's low bits allow it) the chord bounds nothing: undecided.
            Assert.Equal(0, ZigguratLanes.WedgeBounds(i, x[i] * (1 + 1e-15) + 1e-300, f[i]));
        }
        Assert.True(decided > total / 5, $"decided {decided} of {total}");
    }

    [Fact]
    public void TablesCloseTheRecursion()
    {
        const double r = ZigguratTables.R, v = ZigguratTables.V;
        double baseArea = r * ZigguratTables.Density(r) + Math.Sqrt(Math.PI / 2) * Stats.Erfc(r / Math.Sqrt(2));
        Assert.Equal(1, baseArea / v, 1e-12);
        double[] x = ZigguratTables.X;
        for (int i = 0; i < ZigguratTables.Layers; i++) Assert.True(x[i] > x[i + 1], $"x[{i}] = {x[i]} ≤ x[{i + 1}] = {x[i + 1]}");
        // The top layer [0, x_255]×[f(x_255), 1] is built last; its area is v only if r and v are the right pair.
        int last = ZigguratTables.Layers - 1;
        double top = x[last] * (1 - ZigguratTables.F[last]);
        Assert.Equal(1, top / v, 1e-9);
        for (int i = 0; i < ZigguratTables.Layers; i++)
        {
            // The packed width is x_i to 2^−40 relative, and its bound never lets the fast path past x_{i+1}.
            double width = ZigguratTables.W[i];
            Assert.Equal(1, width / x[i], 1e-12);
            Assert.True(ZigguratTables.Bound(i) * (width / 4096) < x[i + 1] || ZigguratTables.Bound(i) == 0, $"layer {i}");
        }
        Assert.Equal(0, ZigguratTables.Bound(last)); // x_1024 = 0: the top layer is all wedge
    }

    [Fact]
    public void NameIdentifiesGeneratorAndTransform()
    {
        using var source = new ZigguratGaussianSource(1);
        Assert.Equal("managed-simd:xoshiro256++x16/Ziggurat1024", source.Name);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void EveryWidthGivesTheSameDoubleStreamBitForBit(int lanes)
    {
        // 200,003 normals take ~900 fallbacks (wedges, the top layer, ~10 tails), so the fallback is compared too.
        double[] scalar = Draw(Key, 200_003, Width.Scalar);
        double[] vector = Draw(Key, 200_003, (Width)lanes);
        for (int i = 0; i < scalar.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(scalar[i]) == BitConverter.DoubleToInt64Bits(vector[i]), $"sample {i}: {scalar[i]:R} vs {vector[i]:R}");
        Assert.Contains(scalar, x => Math.Abs(x) > ZigguratTables.R);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void EveryWidthGivesTheSameFloatStreamBitForBit(int lanes)
    {
        float[] scalar = DrawSingles(Key, 400_007, Width.Scalar);
        float[] vector = DrawSingles(Key, 400_007, (Width)lanes);
        for (int i = 0; i < scalar.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(scalar[i]) == BitConverter.SingleToInt32Bits(vector[i]), $"sample {i}: {scalar[i]:R} vs {vector[i]:R}");
        Assert.Contains(scalar, x => Math.Abs(x) > ZigguratTables.R);
    }

    [Fact]
    public void ChunkedFillsGiveTheSameStreamAsOneFill()
    {
        double[] whole = Draw(Key, 20_000);
        float[] wholeSingles = DrawSingles(Key, 20_000);
        using var source = new ZigguratGaussianSource(Key);
        using var singles = new ZigguratGaussianSource(Key);
        var chunked = new double[whole.Length];
        var chunkedSingles = new float[whole.Length];
        var random = new Random(17);
        int position = 0;
        while (position < chunked.Length)
        {
            // Every length from 0 to 70: partial batches, whole batches and both in one call.
            int length = Math.Min(random.Next(0, 71), chunked.Length - position);
            source.Fill(chunked.AsSpan(position, length));
            singles.Fill(chunkedSingles.AsSpan(position, length));
            position += length;
        }
        Assert.Equal(whole, chunked);
        Assert.Equal(wholeSingles, chunkedSingles);
    }

    [Fact]
    public void FillAllocatesNothing()
    {
        using var source = new ZigguratGaussianSource(3);
        var buffer = new double[1001];
        var singles = new float[1001];
        source.Fill(buffer);
        source.Fill(singles);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            source.Fill(buffer.AsSpan(0, 1 + i % 1000));
            source.Fill(singles.AsSpan(0, 1 + i % 1000));
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void KolmogorovSmirnovPassesAtOnePerMille(bool single)
    {
        var fit = single ? SingleFit.Value : DoubleFit.Value;
        double p = Stats.KolmogorovSurvival(Math.Sqrt(N) * fit.Ks);
        output.WriteLine($"{(single ? "float" : "double")}, n = {N}: D = {fit.Ks:E3}, p = {p:F3}");
        Assert.True(p > 1e-3, $"D = {fit.Ks:E3}, p = {p:E3}");
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void AndersonDarlingPassesAtOnePerMille(bool single)
    {
        // Asymptotic upper 0.1% point of A² for a fully specified null is 5.97 (Marsaglia and Marsaglia, 2004).
        var fit = single ? SingleFit.Value : DoubleFit.Value;
        output.WriteLine($"{(single ? "float" : "double")}, n = {N}: A² = {fit.AndersonDarling:F3}");
        Assert.InRange(fit.AndersonDarling, 0, 5.97);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void ChiSquaredOn1000EquiprobableBinsPassesAtOnePerMille(bool single)
    {
        var fit = single ? SingleFit.Value : DoubleFit.Value;
        int dof = GoodnessOfFit.Bins - 1;
        // Wilson–Hilferty: (χ²/k)^(1/3) is close to normal with mean 1 − 2/(9k) and variance 2/(9k).
        double z = (Math.Cbrt(fit.ChiSquared / dof) - (1 - 2.0 / (9 * dof))) / Math.Sqrt(2.0 / (9 * dof));
        double p = Stats.NormalCdf(-z);
        output.WriteLine($"{(single ? "float" : "double")}: χ² = {fit.ChiSquared:F1} on {dof} dof, p = {p:F3}");
        Assert.True(p > 1e-3 && p < 1 - 1e-3, $"χ² = {fit.ChiSquared:F1}, p = {p:E3}");
    }

    [Theory]
    [InlineData(false, ZigguratTables.R)]
    [InlineData(false, 4.0)]
    [InlineData(false, 5.0)]
    [InlineData(true, ZigguratTables.R)]
    [InlineData(true, 4.0)]
    [InlineData(true, 5.0)]
    public void TailFrequenciesMatchTheExactNormalTail(bool single, double threshold)
    {
        long count = 0;
        foreach (double v in Sample(single).Value) if (Math.Abs(v) > threshold) count++;
        double p = 2 * Stats.NormalCdf(-threshold);
        double expected = N * p, se = Math.Sqrt(N * p * (1 - p));
        output.WriteLine($"|x| > {threshold}: {count} vs {expected:F1} ± {se:F1} ({(count - expected) / se:F2} SE)");
        Assert.True(Math.Abs(count - expected) < 5 * se, $"|x| > {threshold}: {count} vs {expected:F1} ± {se:F1}");
    }

    [Theory]
    [InlineData(false, 1)]  // neighbouring lanes
    [InlineData(false, 7)]
    [InlineData(false, 8)]  // one 512-bit register apart
    [InlineData(false, 15)]
    [InlineData(false, 16)] // the same lane, next word
    [InlineData(false, 17)]
    [InlineData(false, 1000)]
    [InlineData(true, 1)]   // the two halves of one word
    [InlineData(true, 2)]   // neighbouring lanes
    [InlineData(true, 31)]
    [InlineData(true, 32)]  // the same lane, next word
    public void LaggedDrawsAndTheirSquaresAreUncorrelated(bool single, int lag)
    {
        double[] x = Sample(single).Value;
        int n = N - lag;
        double bound = 5 / Math.Sqrt(n);
        double linear = Stats.Correlation(x.AsSpan(0, n), x.AsSpan(lag, n));
        double squares = Stats.Correlation(Square(x.AsSpan(0, n)), Square(x.AsSpan(lag, n)));
        Assert.True(Math.Abs(linear) < bound, $"corr(x_i, x_i+{lag}) = {linear:E2}");
        Assert.True(Math.Abs(squares) < bound, $"corr(x_i², x_i+{lag}²) = {squares:E2}");
    }

    [Fact]
    public void EnsembleStreamsAndNeighbouringKeysAreUncorrelated()
    {
        const int n = 2_000_000;
        double bound = 5 / Math.Sqrt(n);
        var pairs = new[]
        {
            (Draw(SeedSequence.RunKey(1, 0), n), Draw(SeedSequence.RunKey(1, 1), n), "RunKey(1, 0), RunKey(1, 1)"),
            (Draw(SeedSequence.RunKey(1, 0), n), Draw(SeedSequence.RunKey(2, 0), n), "RunKey(1, 0), RunKey(2, 0)"),
            (Draw(Key, n), Draw(Key + 1, n), "keys k, k + 1"),
        };
        foreach (var (x, y, what) in pairs)
        {
            double linear = Stats.Correlation(x, y), squares = Stats.Correlation(Square(x), Square(y));
            output.WriteLine($"{what}: corr {linear:E2}, of squares {squares:E2}");
            Assert.True(Math.Abs(linear) < bound, $"{what}: corr = {linear:E2}");
            Assert.True(Math.Abs(squares) < bound, $"{what}: corr of squares = {squares:E2}");
        }
    }

    private static double[] Square(ReadOnlySpan<double> x)
    {
        var result = new double[x.Length];
        for (int i = 0; i < x.Length; i++) result[i] = x[i] * x[i];
        return result;
    }

    /// <summary>KS distance, Anderson–Darling A² and χ² on equiprobable bins of one sample against Φ.</summary>
    private sealed record GoodnessOfFit(double Ks, double AndersonDarling, double ChiSquared)
    {
        public const int Bins = 1000;

        public static GoodnessOfFit Of(double[] sample)
        {
            double[] x = (double[])sample.Clone();
            Array.Sort(x);
            int n = x.Length;
            // Φ(x_i), and Φ(−x_i) = 1 − Φ(x_i) computed directly so the upper tail keeps its relative accuracy.
            var lower = new double[n];
            var upper = new double[n];
            Parallel.For(0, n, i =>
            {
                lower[i] = Stats.NormalCdf(x[i]);
                upper[i] = Stats.NormalCdf(-x[i]);
            });
            double ks = 0, sum = 0;
            var counts = new long[Bins];
            for (int i = 0; i < n; i++)
            {
                ks = Math.Max(ks, Math.Max(lower[i] - (double)i / n, (double)(i + 1) / n - lower[i]));
                sum += (2.0 * i + 1) * (Math.Log(lower[i]) + Math.Log(upper[n - 1 - i]));
                counts[Math.Min(Bins - 1, (int)(lower[i] * Bins))]++;
            }
            double expected = (double)n / Bins, chi = 0;
            foreach (long c in counts) chi += (c - expected) * (c - expected) / expected;
            return new GoodnessOfFit(ks, -n - sum / n, chi);
        }
    }
}
