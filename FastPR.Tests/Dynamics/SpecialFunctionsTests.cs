using FastPR.Core;

namespace FastPR.Tests.Dynamics;

public class SpecialFunctionsTests
{
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
        // φ(x) = (eˣ − 1)/x against a reference value of expm1(0.3).
        Assert.True(Math.Abs(SpecialFunctions.ExpRelative(0.3) / (0.34985880757600310398 / 0.3) - 1) < 4e-16);
    }

    [Theory]
    [InlineData(1e-12, 9.999999999995e-13)]
    [InlineData(-0.25, -0.28768207245178092744)]
    [InlineData(3.0, 1.3862943611198906188)]
    public void Log1pRelativeMatchesReferenceValues(double x, double expected) =>
        Assert.True(Math.Abs(SpecialFunctions.Log1pRelative(x) / (expected / x) - 1) < 4e-16, $"log1p({x})/{x} = {SpecialFunctions.Log1pRelative(x):R}");

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
