using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Analysis;

public class PhaseDetectorTests(ITestOutputHelper output)
{
    // A synthetic run with known boundaries: u = −g(t)·(1 − 0.5(1+t)^(−0.6)), s = g₂(t)·(1 − 0.3(1+t)^(−0.6)) + bump,
    // g = logistic escapes. Both overlaps are monotone except for an optional dip of s below 1/3 around t = 5.
    private static double U(double t) => -1 / (1 + 99 * Math.Exp(-3 * t)) * (1 - 0.5 * Math.Pow(1 + t, -0.6));
    private static double S(double t, bool dip) =>
        1 / (1 + 999 * Math.Exp(-6 * t)) * (1 - 0.3 * Math.Pow(1 + t, -0.6)) - (dip ? 0.7 * Math.Exp(-Math.Pow(Math.Log(t / 5), 2) / 0.02) : 0);

    private static Snapshot[] Trajectory(double tEnd, bool dip, double noise = 0, int points = 400)
    {
        var times = LogTimeGrid.LogSpaced(1e-3, tEnd, points, includeZero: true);
        var draws = new double[2 * times.Length];
        if (noise > 0)
        {
            using var source = new ManagedGaussianSource(SeedSequence.RunKey(42, 0));
            source.Fill(draws);
        }
        return times.Select((t, k) =>
        {
            double u = U(t) + noise * draws[2 * k], s = S(t, dip) + noise * draws[2 * k + 1];
            return new Snapshot(t, k, s, u, 0, 0, 1 - Math.Abs(u), 0, 0);
        }).ToArray();
    }

    // The exact time an increasing function first reaches a level, by bisection.
    private static double Solve(Func<double, double> f, double level, double lo, double hi)
    {
        for (int k = 0; k < 200; k++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (f(mid) >= level) hi = mid; else lo = mid;
        }
        return Math.Sqrt(lo * hi);
    }

    private static void AssertClose(double expected, double? actual, double relative, string name)
    {
        Assert.True(actual.HasValue, $"{name} not found");
        Assert.True(Math.Abs(Math.Log(actual.Value / expected)) <= relative, $"{name}: detected {actual:G6}, expected {expected:G6}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void FindsKnownBoundariesOfASmoothRun(int persistence)
    {
        var snapshots = Trajectory(1e6, dip: false);
        var phases = PhaseDetector.Detect(snapshots, new PhaseOptions { Persistence = persistence });
        Func<double, double> absU = t => Math.Abs(U(t));
        Func<double, double> distance = t => -Math.Max(Math.Abs(S(t, false) - 1), 1 - Math.Abs(U(t)));
        // Interpolation between checkpoints 4.7% apart in t is accurate to well under 1%.
        AssertClose(Solve(absU, 0.05, 1e-3, 1e6), phases.Escape, 0.01, "T1");
        AssertClose(Solve(absU, 0.5, 1e-3, 1e6), phases.HalfOverlap, 0.01, "|u| = 1/2");
        AssertClose(Solve(t => S(t, false), 1.0 / 3, 1e-3, 1e6), phases.SCrossing, 0.01, "T1′");
        AssertClose(Solve(absU, 0.95, 1e-3, 1e6), phases.Convergence, 0.01, "T2(0.05)");
        // Phase III is not interpolated: it is the first record inside the region, the one whose state the Phase III law starts from.
        double crossing = Solve(distance, -1e-3, 1e-3, 1e6);
        int first = Array.FindIndex(snapshots, x => x.Time >= crossing);
        Assert.Equal(snapshots[first].Time, phases.PhaseThree);
        Assert.True(snapshots[first - 1].Time < crossing, "the record before is outside the region");
    }

    [Fact]
    public void SCrossingIsTheLastUpwardCrossing()
    {
        var snapshots = Trajectory(1e6, dip: true);
        // s rises through 1/3 near t ≈ 1.3, dips below it around t = 5 and crosses again for good.
        double firstCrossing = Solve(t => S(t, false), 1.0 / 3, 1e-3, 1e6);
        double lastCrossing = Solve(t => S(t, true), 1.0 / 3, 5, 1e6);
        Assert.True(S(5, true) < 1.0 / 3 && lastCrossing > 5);
        var phases = PhaseDetector.Detect(snapshots);
        output.WriteLine($"first crossing {firstCrossing:F4}, last {lastCrossing:F4}, detected T1′ {phases.SCrossing:F4}");
        AssertClose(lastCrossing, phases.SCrossing, 0.01, "T1′");
    }

    [Fact]
    public void UnreachedBoundariesAreNull()
    {
        var phases = PhaseDetector.Detect(Trajectory(2, dip: false));
        Assert.NotNull(phases.Escape);
        Assert.Null(phases.Convergence);
        Assert.Null(phases.PhaseThree);
        var empty = PhaseDetector.Detect([]);
        Assert.Null(empty.Escape);
    }

    [Fact]
    public void PersistenceMakesANoisyRunRobust()
    {
        // Additive N(0, 0.01²) noise on s and u (fixed seed) plus two one-checkpoint glitches to |u| = 0.97 at t ≈ 3 and 10,
        // long before the true T2 ≈ 45. Near T2 the curve climbs 0.03 per unit ln t, so the noise alone limits any rule to
        // about ±2σ/0.03 ≈ ±0.7 in ln t.
        var noisy = Trajectory(1e6, dip: false, noise: 0.01);
        int Near(double t) => Array.FindIndex(noisy, x => x.Time >= t);
        foreach (double t in new[] { 3.0, 10.0 }) noisy[Near(t)] = noisy[Near(t)] with { U = -0.97 };
        double trueT2 = Solve(t => Math.Abs(U(t)), 0.95, 1e-3, 1e6);
        double trueT1 = Solve(t => Math.Abs(U(t)), 0.05, 1e-3, 1e6);
        var naive = PhaseDetector.Detect(noisy, new PhaseOptions { Persistence = 1 });
        var runs = PhaseDetector.Detect(noisy, new PhaseOptions { Persistence = 10 });
        var forGood = PhaseDetector.Detect(noisy);
        output.WriteLine($"true T2 {trueT2:F3}; k = 1: {naive.Convergence:F3}, k = 10: {runs.Convergence:F3}, for good: {forGood.Convergence:F3}");
        output.WriteLine($"true T1 {trueT1:F4}; k = 1: {naive.Escape:F4}, k = 10: {runs.Escape:F4}, for good: {forGood.Escape:F4}");
        Assert.True(naive.Convergence < 3.5, "without persistence the first glitch counts");
        AssertClose(trueT2, runs.Convergence, 0.7, "T2 (k = 10)");
        AssertClose(trueT2, forGood.Convergence, 0.7, "T2 (for good)");
        AssertClose(trueT1, runs.Escape, 0.2, "T1 (k = 10)");
        AssertClose(trueT1, forGood.Escape, 0.2, "T1 (for good)");

        // A late downward glitch (|u| = 0.9 at t ≈ 1000) resets "for good" but not a k-checkpoint run: choose by the noise.
        noisy[Near(1000)] = noisy[Near(1000)] with { U = -0.9 };
        var glitched = PhaseDetector.Detect(noisy);
        var glitchedRuns = PhaseDetector.Detect(noisy, new PhaseOptions { Persistence = 10 });
        Assert.True(glitched.Convergence > 1000);
        Assert.Equal(runs.Convergence, glitchedRuns.Convergence);
    }

    [Fact]
    public void RejectsUnorderedTimes()
    {
        var snapshots = Trajectory(10, dip: false);
        (snapshots[3], snapshots[4]) = (snapshots[4], snapshots[3]);
        Assert.Throws<ArgumentException>(() => PhaseDetector.Detect(snapshots));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhaseDetector.Detect(Trajectory(10, false), new PhaseOptions { Persistence = -1 }));
    }
}
