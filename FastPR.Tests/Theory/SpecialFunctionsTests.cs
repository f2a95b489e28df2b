using FastPR.Core.Theory;

namespace FastPR.Tests.Theory;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(-1e-8, -9.9999999500000001667e-9)]
    [InlineData(0.3, 0.34985880757600310398)]
    [InlineData(-0.45, -0.36237184837822667)]
    [InlineData(2.0, 6.3890560989306502272)]
    [InlineData(-3.0, -0.95021293163213605)]
    public void Expm1MatchesReferenceValues(double x, double expected) =>
        Assert.True(Math.Abs(SpecialFunctions.Expm1(x) / expected - 1) < 4e-16, $"expm1({x}) = {SpecialFunctions.Expm1(x):R}");

    [Fact]
    public void ExpRelativeIsContinuousAcrossItsBranchesAndAtZero()
    {
        Assert.Equal(1.0, SpecialFunctions.ExpRelative(0));
        foreach (double x in new[] { 0.5, -0.5 })
        {
            double below = SpecialFunctions.ExpRelative(Math.BitDecrement(Math.Abs(x)) * Math.Sign(x));
            double above = SpecialFunctions.ExpRelative(x);
            Assert.True(Math.Abs(below / above - 1) < 1e-15, $"φ jumps at {x}: {below:R} vs {above:R}");
        }
        // φ(x) = (eˣ − 1)/x against the reference expm1 values above.
        Assert.True(Math.Abs(SpecialFunctions.ExpRelative(0.3) / (0.34985880757600310398 / 0.3) - 1) < 4e-16);
    }

    [Theory]
    [InlineData(1e-12, 9.999999999995e-13)]
    [InlineData(-0.25, -0.28768207245178092744)]
    [InlineData(3.0, 1.3862943611198906188)]
    public void Log1pMatchesReferenceValues(double x, double expected)
    {
        Assert.True(Math.Abs(SpecialFunctions.Log1p(x) / expected - 1) < 4e-16, $"log1p({x}) = {SpecialFunctions.Log1p(x):R}");
        Assert.True(Math.Abs(SpecialFunctions.Log1pRelative(x) / (expected / x) - 1) < 4e-16);
    }

    [Theory]
    [InlineData(0.5, 1.7724538509055160273)]
    [InlineData(1.0 / 3, 2.6789385347077476337)]
    [InlineData(0.75, 1.2254167024651776451)]
    [InlineData(0.5 + 1e-9, 1.7724538474252857)]
    [InlineData(5.0, 24.0)]
    [InlineData(10.5, 1133278.3889487855673)]
    [InlineData(-0.5, -3.5449077018110320546)]
    public void GammaMatchesReferenceValues(double x, double expected) =>
        Assert.True(Math.Abs(SpecialFunctions.Gamma(x) / expected - 1) < 1e-14, $"Γ({x}) = {SpecialFunctions.Gamma(x):R}");

    [Fact]
    public void GammaIsNaNAtItsPoles()
    {
        Assert.True(double.IsNaN(SpecialFunctions.Gamma(0)));
        Assert.True(double.IsNaN(SpecialFunctions.Gamma(-3)));
    }
}
