using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>Log-spaced records: start at 0, end at the total, strictly increasing, never more than requested.</summary>
public class RecordScheduleTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    [InlineData(10L)]
    [InlineData(999L)]
    [InlineData(10_000_000L)]
    [InlineData(1L << 40)]
    [InlineData(long.MaxValue / 3)]
    [InlineData(long.MaxValue)]
    public void ScheduleIsWellFormed(long total)
    {
        foreach (int count in new[] { 2, 3, 4, 10, 50, 200, 1000 })
        {
            long[] steps = RecordSchedule.LogSpaced(total, count);
            Assert.Equal(0, steps[0]);
            Assert.Equal(total, steps[^1]);
            Assert.True(steps.Length <= count, $"total {total}, count {count}: {steps.Length} records");
            for (int i = 1; i < steps.Length; i++) Assert.True(steps[i] > steps[i - 1], $"total {total}, count {count}: not increasing at {i}");
            Assert.Equal(total == 0 ? 1 : Math.Min(count, 2), Math.Min(steps.Length, 2));
        }
    }

    [Fact]
    public void LargeTotalsGetNearlyAllRequestedPointsRoughlyGeometric()
    {
        long[] steps = RecordSchedule.LogSpaced(10_000_000, 100);
        Assert.InRange(steps.Length, 80, 100); // only the first few small steps collide
        // Past the collisions, consecutive ratios are about 10^(7/98).
        double ratio = Math.Pow(1e7, 1.0 / 98);
        for (int i = steps.Length - 40; i < steps.Length; i++) Assert.InRange((double)steps[i] / steps[i - 1], ratio * 0.99, ratio * 1.01);
    }

    [Fact]
    public void SmallTotalsListEveryStep()
    {
        Assert.Equal([0L, 1, 2, 3, 4, 5], RecordSchedule.LogSpaced(5, 100));
        Assert.Equal([0L], RecordSchedule.LogSpaced(0, 5));
        Assert.Equal([0L, 1], RecordSchedule.LogSpaced(1, 5));
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordSchedule.LogSpaced(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordSchedule.LogSpaced(10, 1));
    }
}
