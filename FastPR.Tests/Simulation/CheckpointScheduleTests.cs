using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>Log-spaced checkpoints: start at 0, end at the total, strictly increasing, never more than requested.</summary>
public class CheckpointScheduleTests
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
            long[] steps = CheckpointSchedule.LogSpaced(total, count);
            Assert.Equal(0, steps[0]);
            Assert.Equal(total, steps[^1]);
            Assert.True(steps.Length <= count, $"total {total}, count {count}: {steps.Length} checkpoints");
            for (int i = 1; i < steps.Length; i++) Assert.True(steps[i] > steps[i - 1], $"total {total}, count {count}: not increasing at {i}");
            Assert.Equal(total == 0 ? 1 : Math.Min(count, 2), Math.Min(steps.Length, 2));
        }
    }

    [Fact]
    public void LargeTotalsGetNearlyAllRequestedPointsRoughlyGeometric()
    {
        long[] steps = CheckpointSchedule.LogSpaced(10_000_000, 100);
        Assert.InRange(steps.Length, 80, 100); // only the first few small steps collide
        // Past the collisions, consecutive ratios are about 10^(7/98).
        double ratio = Math.Pow(1e7, 1.0 / 98);
        for (int i = steps.Length - 40; i < steps.Length; i++) Assert.InRange((double)steps[i] / steps[i - 1], ratio * 0.99, ratio * 1.01);
    }

    [Fact]
    public void SmallTotalsListEveryStep()
    {
        Assert.Equal([0L, 1, 2, 3, 4, 5], CheckpointSchedule.LogSpaced(5, 100));
        Assert.Equal([0L], CheckpointSchedule.LogSpaced(0, 5));
        Assert.Equal([0L, 1], CheckpointSchedule.LogSpaced(1, 5));
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointSchedule.LogSpaced(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointSchedule.LogSpaced(10, 1));
    }
}
