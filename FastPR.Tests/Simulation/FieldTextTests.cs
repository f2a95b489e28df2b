using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>The one parser of numbers behind run fields, CLI options and library keywords.</summary>
public sealed class FieldTextTests
{
    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("1e6", 1_000_000L)]
    [InlineData("2.5E3", 2500L)]
    public void Integers_AcceptIntegralExponentNotation(string text, long expected)
    {
        Assert.True(FieldText.TryParseInteger(text, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e19")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("")]
    [InlineData("4 2")]
    public void NonIntegers_AreRefused(string text) => Assert.False(FieldText.TryParseInteger(text, out _));

    [Theory]
    [InlineData("0.001", 0.001)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-INF", double.NegativeInfinity)]
    [InlineData("1e308", 1e308)]
    public void Reals_ParseInTheInvariantCulture(string text, double expected)
    {
        Assert.True(FieldText.TryParseReal(text, out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("0,5")]
    [InlineData("x")]
    public void NonReals_AreRefused(string text) => Assert.False(FieldText.TryParseReal(text, out _));

    [Theory]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("1e3")]
    [InlineData("18446744073709551616")]
    public void Seeds_AreDigitsOnly(string text) => Assert.False(FieldText.TryParseSeed(text, out _));

    [Fact]
    public void TheLargestSeedParses()
    {
        Assert.True(FieldText.TryParseSeed("18446744073709551615", out ulong seed));
        Assert.Equal(ulong.MaxValue, seed);
    }
}
