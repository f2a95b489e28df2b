namespace FastPR.Tests.Native;

/// <summary>The goodness-of-fit tests are only as good as this CDF, so check it against tabulated values.</summary>
public class NormalDistributionTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.96, 0.024997895148220435)]
    [InlineData(3.0, 0.9986501019683699)]
    [InlineData(-5.0, 2.866515718791939e-7)]
    [InlineData(0.1, 0.539827837277029)]
    public void MatchesTable(double x, double expected) =>
        Assert.Equal(expected, NormalDistribution.Cdf(x), 1e-14);
}
