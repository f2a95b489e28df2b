using FastPR.Core;

namespace FastPR.Tests.Verification;

/// <summary>The verification checks pass for correct engines and fail for broken ones (they have teeth).</summary>
public sealed class VerificationSuiteTests
{
    [Fact]
    public void IdenticalMinibatches_PassForTheReferenceItself_AndFailForASlightlyWrongEngine()
    {
        var same = VerificationSuite.ReferenceVersus("reference", (p, s, g) => new ReferenceSgdEngine(p, s, g));
        Assert.All(same, c => Assert.Equal(VerificationStatus.Passed, c.Status));
        Assert.All(same, c => Assert.Equal(0, c.Deviation));

        // An engine whose step is 10⁻⁶ too long: invisible in a plot, obvious to the check.
        var wrong = VerificationSuite.ReferenceVersus("scaled", (p, s, g) => new ReferenceSgdEngine(p, s with { LearningRate = s.LearningRate * (1 + 1e-6) }, g));
        Assert.All(wrong, c => Assert.Equal(VerificationStatus.Failed, c.Status));
    }

    [Fact]
    public void IdenticalMinibatches_AreSkippedWithAReason()
    {
        var skipped = VerificationSuite.ReferenceVersus("x", (p, s, g) => throw new InvalidOperationException("not built"), "no library");
        Assert.All(skipped, c =>
        {
            Assert.Equal(VerificationStatus.Skipped, c.Status);
            Assert.Equal("no library", c.Note);
        });
    }

    [Fact]
    public void OneStepLaw_PassesForProjected_AndFailsWhenTheOrthogonalNoiseIsDropped()
    {
        var right = VerificationSuite.ExplicitVersusProjectedOneStep((p, s, g) => new ProjectedSgdEngine(p, s, g), samples: 40_000);
        Assert.All(right, c => Assert.True(c.Status == VerificationStatus.Passed, $"{c.Name}: {c.Deviation:F2} SE ({c.Note})"));
        var wrong = VerificationSuite.ExplicitVersusProjectedOneStep((p, s, g) => new ProjectedSgdEngine(p, s, g, dropOrthogonalNoise: true), samples: 40_000);
        var orthogonal = Assert.Single(wrong, c => c.Name.Contains("outside span", StringComparison.Ordinal));
        Assert.Equal(VerificationStatus.Failed, orthogonal.Status);
        Assert.True(orthogonal.Deviation > 20, $"{orthogonal.Deviation:F1} SE");
    }

    [Fact]
    public void SampleMoments_DifferenceInStandardErrors()
    {
        var a = SampleMoments.Of([1.0, 2, 3, 4]);
        Assert.Equal(2.5, a.Mean);
        Assert.Equal(5.0 / 3, a.Variance, 14);
        var b = a with { Mean = 3.5 };
        Assert.Equal(1 / Math.Sqrt(2 * a.Variance / 4), SampleMoments.DifferenceInStandardErrors(a, b), 12);
    }

    [Fact]
    public void RelativeDeviation_IsScaledByTheLargestCoordinate_AndNaNIsInfinite()
    {
        Assert.Equal(0.01, IdenticalMinibatches.RelativeDeviation([10.0, 0.001], [10.0, 0.101]), 14);
        Assert.Equal(double.PositiveInfinity, IdenticalMinibatches.RelativeDeviation([1.0], [double.NaN]));
    }
}
