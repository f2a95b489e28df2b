using System.Numerics;
using System.Runtime.Intrinsics;
using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Numerics;

/// <summary>
/// FastPR's exp, ln, pow and sin(πx) against a 200-bit reference over wide ranges (the accuracy DeterministicMath states),
/// their special values, and the vector widths giving the scalar path's bits.
/// </summary>
public class DeterministicMathTests(ITestOutputHelper output)
{
    private const int Samples = 4000;

    [Fact]
    public void Ln2SplitIsLn2ToMoreThan100Bits()
    {
        Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(LaneMath.Ln2Hi) & 0xFFFF_FFFFUL);
        BigInteger split = HighPrecision.FromDouble(LaneMath.Ln2Hi) + HighPrecision.FromDouble(LaneMath.Ln2Lo);
        // Ln2Lo is ln 2 − Ln2Hi rounded: within half its ulp (2^−74) of ln 2.
        Assert.True(BigInteger.Abs(split - HighPrecision.Ln2) <= HighPrecision.One >> 75);
    }

    [Fact]
    public void ExpIsWithinOneUlpFromSubnormalResultsToOverflow()
    {
        var random = new Random(11);
        double worst = 0;
        foreach (double x in Mixed(random, -745.13, 709.78).Concat(LogUniform(random, 1e-18, 1)).Concat([0.0, -0.0, 1e-300, 709.78, -708.4, -745.1]))
        {
            double error = HighPrecision.ExpErrorUlps(HighPrecision.FromDouble(x), DeterministicMath.Exp(x));
            Assert.True(error < 1, $"exp({x:R}) = {DeterministicMath.Exp(x):R} is {error} ulp off");
            worst = Math.Max(worst, error);
        }
        output.WriteLine($"exp: worst {worst:F3} ulp");
    }

    [Fact]
    public void LogIsWithinOneUlpOverTheWholeRange()
    {
        var random = new Random(12);
        double worst = 0;
        var inputs = Enumerable.Range(0, Samples).Select(_ => Math.ScaleB(1 + random.NextDouble(), random.Next(-1074, 1024)))
            .Concat(Enumerable.Range(0, Samples).Select(_ => 1 + (random.NextDouble() - 0.5) * Math.ScaleB(1, -random.Next(1, 50))))
            .Concat([double.Epsilon, 1e-310, double.MaxValue, 1 + Math.ScaleB(1, -52), 1 - Math.ScaleB(1, -53), 2, 0.5, Math.Sqrt(0.5), Math.Sqrt(2)]);
        foreach (double x in inputs.Where(v => v != 1 && double.IsFinite(v) && v > 0))
        {
            double computed = DeterministicMath.Log(x);
            double error = HighPrecision.UlpsApart(computed, HighPrecision.Log(x), 0);
            Assert.True(error < 1, $"ln({x:R}) = {computed:R} is {error} ulp off");
            worst = Math.Max(worst, error);
        }
        Assert.Equal(0.0, DeterministicMath.Log(1));
        output.WriteLine($"ln: worst {worst:F3} ulp");
    }

    [Fact]
    public void PowIsWithinOneUlpPlusAnEighthOfYLnXUlpsWhereTheResultIsNormal()
    {
        var random = new Random(13);
        double worst = 0, worstSmall = 0;
        for (int n = 0; n < Samples; n++)
        {
            double x = n % 2 == 0 ? random.Next(1, 1_000_000) : Math.ScaleB(1 + random.NextDouble(), random.Next(-200, 200));
            double y = (random.NextDouble() - 0.5) * (n % 3 == 0 ? 8 : 600 / Math.Max(1, Math.Abs(Math.Log(x))));
            double computed = DeterministicMath.Pow(x, y);
            if (computed == 0 || !double.IsNormal(computed)) continue;
            BigInteger exponent = HighPrecision.Multiply(HighPrecision.FromDouble(y), HighPrecision.Log(x));
            double error = HighPrecision.ExpErrorUlps(exponent, computed);
            // The stated bound: 1 ulp + a relative 2^−57·|y ln x| (the double-double ln's error, next test), at most 2 ulp per 2^−53.
            double bound = 1 + 2 * Math.Abs(y * Math.Log(x)) / 16;
            Assert.True(error < bound, $"pow({x:R}, {y:R}) = {computed:R} is {error} ulp off (bound {bound})");
            worst = Math.Max(worst, error / bound);
            if (Math.Abs(y * Math.Log(x)) < 16) worstSmall = Math.Max(worstSmall, error);
        }
        output.WriteLine($"pow: worst {worst:F3} of the bound; {worstSmall:F3} ulp where |y ln x| < 16");
    }

    [Fact]
    public void DoubleDoubleLogIsWithinTwoToTheMinus57Relative()
    {
        var random = new Random(16);
        double worst = 0;
        for (int n = 0; n < Samples; n++)
        {
            double x = Math.ScaleB(1 + random.NextDouble(), random.Next(-1074, 1024));
            if (n % 2 == 0) x = 1 + (random.NextDouble() - 0.5) * Math.ScaleB(1, -random.Next(1, 40));
            if (x == 1) continue;
            var (hi, lo) = DeterministicMath.LogDoubleDouble(x);
            BigInteger reference = HighPrecision.Log(x);
            double relative = (double)(HighPrecision.FromDouble(hi) + HighPrecision.FromDouble(lo) - reference) / (double)BigInteger.Abs(reference);
            Assert.True(Math.Abs(relative) < Math.ScaleB(1, -57), $"ln({x:R}) as double-double is {relative:E2} off");
            worst = Math.Max(worst, Math.Abs(relative));
        }
        output.WriteLine($"double-double ln: worst relative error {Math.Log2(worst):F2} (log2)");
    }

    [Fact]
    public void PowIsExactWhereThePowerIsRepresentable()
    {
        for (int k = -22; k <= 22; k++) Assert.Equal(double.Parse($"1e{k}"), DeterministicMath.Pow(10, k));
        Assert.Equal(1.0 / 9, DeterministicMath.Pow(3, -2));
        Assert.Equal(-8.0, DeterministicMath.Pow(-2, 3));
        Assert.Equal(Math.ScaleB(1, 60), DeterministicMath.Pow(2, 60));
        Assert.Equal(1.0, DeterministicMath.Pow(double.NaN, 0));
        Assert.Equal(1.0, DeterministicMath.Pow(1, double.NaN));
        Assert.True(double.IsNaN(DeterministicMath.Pow(-2, 0.5)));
        Assert.Equal(0.0, DeterministicMath.Pow(0, 2.5));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Pow(0, -1.5));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Pow(10, 400));
        Assert.Equal(0.0, DeterministicMath.Pow(10, -400.5));
        Assert.Equal(0.0, DeterministicMath.Pow(0.5, double.PositiveInfinity));
    }

    [Fact]
    public void SinPiIsWithinOneAndAHalfUlpAndZeroAtIntegers()
    {
        var random = new Random(14);
        double worst = 0;
        var inputs = Enumerable.Range(0, Samples).Select(_ => (random.NextDouble() - 0.5) * 20)
            .Concat(LogUniform(random, 1e-12, 0.25)).Concat([0.5, -0.5, 0.25, 1.5, -3.5]);
        foreach (double x in inputs)
        {
            double computed = DeterministicMath.SinPi(x);
            // sin(πx) = sin(π·(x − 2·round(x/2))), the reduction exact in fixed point.
            BigInteger reduced = HighPrecision.FromDouble(x) - 2 * (BigInteger)Math.Round(x / 2) * HighPrecision.One;
            double error = HighPrecision.UlpsApart(computed, HighPrecision.Sin(HighPrecision.Multiply(HighPrecision.Pi, reduced)), 0);
            Assert.True(error < 1.5, $"sinpi({x:R}) = {computed:R} is {error} ulp off");
            worst = Math.Max(worst, error);
        }
        foreach (double integer in new[] { 0.0, 1, -1, 2, 7, -12, 1e17 }) Assert.Equal(0.0, DeterministicMath.SinPi(integer));
        output.WriteLine($"sinpi: worst {worst:F3} ulp");
    }

    [Fact]
    public void SpecialValuesFollowIeee()
    {
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(710));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(double.PositiveInfinity));
        Assert.Equal(0.0, DeterministicMath.Exp(-746));
        Assert.Equal(0.0, DeterministicMath.Exp(double.NegativeInfinity));
        Assert.Equal(1.0, DeterministicMath.Exp(0));
        Assert.Equal(double.Epsilon, DeterministicMath.Exp(-744.6));
        Assert.True(double.IsNaN(DeterministicMath.Exp(double.NaN)));
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0));
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(-0.0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Log(double.PositiveInfinity));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1)));
        Assert.True(double.IsNaN(DeterministicMath.Log(double.NegativeInfinity)));
        Assert.True(double.IsNaN(DeterministicMath.Log(double.NaN)));
        Assert.True(double.IsNaN(DeterministicMath.SinPi(double.PositiveInfinity)));
    }

    /// <summary>Every width runs LaneMath's operations lane by lane: the same bits as the scalar path, special values included.</summary>
    [Fact]
    public void VectorWidthsGiveTheScalarBits()
    {
        var random = new Random(15);
        double[] inputs = [.. Mixed(random, -800, 800), .. LogUniform(random, 1e-320, 1e300), 0, -0.0, -1, double.NaN,
            double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 1, 0.5];
        int checkedWidths = 0;
        for (int i = 0; i + 8 <= inputs.Length; i += 8)
        {
            var v256 = Vector256Lanes.Of(Vector256.Create(inputs.AsSpan(i, 4)));
            var v512 = Vector512Lanes.Of(Vector512.Create(inputs.AsSpan(i, 8)));
            var (sin256, cos256) = LaneMath.SinCosHalfPi(Vector256Lanes.Of(Vector256.Create(inputs.AsSpan(i, 4)) * Vector256.Create(1e-3)));
            for (int j = 0; j < 8; j++)
            {
                double x = inputs[i + j];
                double exp = DeterministicMath.Exp(x), log = DeterministicMath.Log(x);
                Assert.Equal(BitConverter.DoubleToUInt64Bits(exp), BitConverter.DoubleToUInt64Bits(LaneMath.Exp(v512).Value[j]));
                Assert.Equal(BitConverter.DoubleToUInt64Bits(log), BitConverter.DoubleToUInt64Bits(LaneMath.Log(v512).Value[j]));
                if (j >= 4) continue;
                Assert.Equal(BitConverter.DoubleToUInt64Bits(exp), BitConverter.DoubleToUInt64Bits(LaneMath.Exp(v256).Value[j]));
                Assert.Equal(BitConverter.DoubleToUInt64Bits(log), BitConverter.DoubleToUInt64Bits(LaneMath.Log(v256).Value[j]));
                var (sin, cos) = LaneMath.SinCosHalfPi(ScalarLanes.Of(x * 1e-3));
                Assert.Equal(BitConverter.DoubleToUInt64Bits(sin.Value), BitConverter.DoubleToUInt64Bits(sin256.Value[j]));
                Assert.Equal(BitConverter.DoubleToUInt64Bits(cos.Value), BitConverter.DoubleToUInt64Bits(cos256.Value[j]));
            }
            checkedWidths++;
        }
        output.WriteLine($"{checkedWidths} blocks; Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector512: {Vector512.IsHardwareAccelerated}");
    }

    private static IEnumerable<double> Mixed(Random random, double low, double high) =>
        Enumerable.Range(0, Samples).Select(_ => low + (high - low) * random.NextDouble());

    private static IEnumerable<double> LogUniform(Random random, double low, double high) =>
        Enumerable.Range(0, Samples / 4).Select(_ => Math.Exp(Math.Log(low) + (Math.Log(high) - Math.Log(low)) * random.NextDouble()) * (random.Next(2) * 2 - 1));
}
