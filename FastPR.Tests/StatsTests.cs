namespace FastPR.Tests;

/// <summary>The statistical yardsticks are themselves checked against known values.</summary>
public class StatsTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.96, 0.024997895148220435)]
    [InlineData(-3.0, 0.0013498980316300946)]
    [InlineData(-4.0, 3.167124183311992e-05)]
    [InlineData(-6.0, 9.865876450376981e-10)]
    [InlineData(2.5, 0.9937903346742238)]
    [InlineData(3.0, 0.9986501019683699)]
    [InlineData(-5.0, 2.866515718791939e-7)]
    [InlineData(0.1, 0.539827837277029)]
    public void NormalCdfMatchesTables(double x, double expected) =>
        Assert.Equal(expected, Stats.NormalCdf(x), 1e-14 + 1e-12 * expected);

    [Theory]
    [InlineData(0.5, 0.9639452436648751)]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(1.3580986393225507, 0.05)]
    [InlineData(1.9495326, 0.000999547844744744)]
    public void KolmogorovSurvivalMatchesKnownQuantiles(double lambda, double expected) =>
        Assert.Equal(expected, Stats.KolmogorovSurvival(lambda), 1e-6);

    [Fact]
    public void KolmogorovSurvivalIsContinuousAtTheBranchPoint() =>
        Assert.Equal(Stats.KolmogorovSurvival(1 - 1e-12), Stats.KolmogorovSurvival(1 + 1e-12), 1e-10);

    [Fact]
    public void TwoSampleKsSeesAShiftAndNotItsAbsence()
    {
        var random = new Random(5);
        double[] a = Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).ToArray();
        double[] b = Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).ToArray();
        double[] shifted = b.Select(x => x + 0.1).ToArray();
        Assert.True(Stats.KsTwoSample(a, b).PValue > 1e-3);
        Assert.True(Stats.KsTwoSample(a, shifted).PValue < 1e-6);
    }
}
