using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Analysis;

/// <summary>docs/MODEL.md §4, Phase IIb: the power law of 1 − u and the teacher-specific tail-sum prediction.</summary>
public class ResidualDecayTests(ITestOutputHelper output)
{
    [Fact]
    public void PowerLawFitRecoversAnExactPowerLaw()
    {
        var t = LogTimeGrid.LogSpaced(1, 1e4, 50);
        var y = t.Select(x => 3.0 * Math.Pow(x, -0.7)).ToArray();
        var fit = PowerLawFit.Fit(t, y, 10, 1e3)!.Value;
        Assert.Equal(-0.7, fit.Slope, 12);
        Assert.Equal(Math.Log(3), fit.Intercept, 10);
        Assert.Equal(1.0, fit.RSquared, 12);
        Assert.Equal((10.0, 1e3), (fit.WindowStart, fit.WindowEnd));
        Assert.Equal(t.Count(x => x >= 10 && x <= 1e3), fit.Points);
        Assert.Null(PowerLawFit.Fit(t, y, 2, 2.1)); // fewer than 3 points
    }

    [Fact]
    public void TailSumSlopeTracksTheMeasuredSlopeAtD1000A4()
    {
        // docs/MODEL.md §4: single-teacher slopes vary a lot (−0.60 … −0.77 at a = 4, d = 1000) but track the tail sum within ≈ 0.05.
        var times = LogTimeGrid.LogSpaced(0.01, 1e5, 300);
        var snapshots = new Snapshot[times.Length];
        var slopes = new List<double>();
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4, 5, 6 })
        {
            var problem = new Problem(new ProblemSpec(1000, 4, ProblemSeed: seed));
            var w = problem.CopyInitialPoint();
            new LogTimeFlowIntegrator(problem).Run(w, times, snapshots);
            var report = ResidualDecay.Fit(problem, snapshots);
            Assert.NotNull(report);
            var m = report.Measured;
            var p = report.TailSum;
            output.WriteLine($"teacher {seed} (w*_1 = {problem.Teacher[0]:F2}): window [{m.WindowStart:G3}, {m.WindowEnd:G3}], " +
                             $"measured {m.Slope:F3} (R² {m.RSquared:F4}), tail sum {p.Slope:F3} (R² {p.RSquared:F4}), " +
                             $"difference {m.Slope - p.Slope:+0.000;-0.000}, C = {report.TailSumConstant:F3} at t = {report.ConstantTime:G3}; " +
                             $"averaged {report.TeacherAveragedExponent:F3}, bound {report.BoundExponent:F3}");
            Assert.Equal(-0.75, report.TeacherAveragedExponent!.Value, 12);
            Assert.Equal(-0.375, report.BoundExponent!.Value, 12);
            Assert.Equal(m.Points, p.Points);
            Assert.True(Math.Abs(m.Slope - p.Slope) <= 0.1, $"teacher {seed}: measured {m.Slope:F3} vs tail sum {p.Slope:F3}");
            slopes.Add(m.Slope);
        }
        // The slopes do depend on the teacher (otherwise this test would not distinguish anything).
        Assert.True(slopes.Max() - slopes.Min() > 0.05);
    }

    [Fact]
    public void WindowFollowsTheTheory()
    {
        var problem = new Problem(new ProblemSpec(1000, 2, ProblemSeed: 1));
        var times = LogTimeGrid.LogSpaced(0.01, 1e6, 120);
        var snapshots = new Snapshot[times.Length];
        var w = problem.CopyInitialPoint();
        new LogTimeFlowIntegrator(problem).Run(w, times, snapshots);
        var window = ResidualDecay.Window(problem, snapshots)!.Value;
        var t2 = PhaseDetector.Detect(snapshots).Convergence!.Value;
        // The detector runs with the problem's s* (1 up to rounding), hence the relative tolerance.
        Assert.True(TheoryTestSupport.RelativeError(window.Start, Math.Max(t2, 10 / problem.Spectrum.Lambda1)) < 1e-9);
        Assert.Equal(problem.Spectrum.CutoffTime / 10, window.End, 6); // H d²/80 ≈ 2·10⁴ < t_end = 10⁶
        Assert.Null(ResidualDecay.Window(problem, snapshots[..20])); // ends before Phase II
    }
}
