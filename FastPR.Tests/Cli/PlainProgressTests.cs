using FastPR.Cli.Output;
using FastPR.Core;

namespace FastPR.Tests.Cli;

/// <summary>The progress lines for a stderr that is not a terminal, driven by a hand-set clock (no real time passes).</summary>
public sealed class PlainProgressTests
{
    private TimeSpan _now;
    private readonly StringWriter _error = new();

    private string[] Lines => _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private void At(double seconds, PlainProgress progress, double fraction)
    {
        _now = TimeSpan.FromSeconds(seconds);
        progress.Report(new SimulationProgress(fraction, 100 * fraction, (long)(1e5 * fraction), Leaps: false));
    }

    [Fact]
    public void EstimateAfterTheFirstSecond_ThenALineAtMostEvery30Seconds()
    {
        var progress = new PlainProgress(_error, horizon: 100, () => _now);
        At(2, progress, 0); // the first report is the baseline: set-up time before it does not count
        At(2.5, progress, 0.005);
        Assert.Empty(Lines);

        At(3, progress, 0.01); // 1 % in 1 s: 100 s in all, at 1000 steps/s
        Assert.Equal("fastpr: estimated wall time 1 min 40 s (1E+03 steps/s over the first 1 s)", Assert.Single(Lines));

        At(20, progress, 0.18);
        At(32.9, progress, 0.309);
        Assert.Single(Lines);

        At(33, progress, 0.31);
        Assert.Equal(2, Lines.Length);
        Assert.Equal("fastpr: t = 31 of 100 (31.0%), 1E+03 steps/s, ETA 1 min 09 s", Lines[1]);

        At(50, progress, 0.48);
        At(102, progress, 1.0); // the end: the summary follows, no line
        Assert.Equal(2, Lines.Length);
    }

    [Fact]
    public void ARunShorterThanTheMeasurement_PrintsNothing()
    {
        var progress = new PlainProgress(_error, horizon: 3, () => _now);
        At(0, progress, 0);
        At(0.4, progress, 0.5);
        At(0.8, progress, 1.0);
        Assert.Empty(Lines);
    }

    [Fact]
    public void LeapCountingRuns_SayLeaps()
    {
        var progress = new PlainProgress(_error, horizon: 1e7, () => _now);
        progress.Report(new SimulationProgress(0, 0, 0, Leaps: true));
        _now = TimeSpan.FromSeconds(4);
        progress.Report(new SimulationProgress(0.5, 1e3, 2000, Leaps: true));
        Assert.Equal("fastpr: estimated wall time 8 s (500 leaps/s over the first 4 s)", Assert.Single(Lines));
    }

    [Theory]
    [InlineData(0.4, "0 s")]
    [InlineData(59.4, "59 s")]
    [InlineData(61, "1 min 01 s")]
    [InlineData(3 * 3600 + 7 * 60 + 20, "3 h 07 min")]
    [InlineData(2 * 86400 + 4 * 3600, "2 d 04 h")]
    [InlineData(double.PositiveInfinity, "unknown")]
    public void Durations_AreReadable(double seconds, string expected) => Assert.Equal(expected, PlainProgress.Duration(seconds));
}
