using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Dynamics;

public class LogTimeFlowIntegratorTests(ITestOutputHelper output)
{
    [Fact]
    public void AgreesWithRk4To1e4AtD1000A2()
    {
        var problem = new Problem(new ProblemSpec(1000, 2, ProblemSeed: 1));
        double[] times = [0.1, 0.3, 0.5, 1, 2, 5, 10, 20, 50, 100];
        var reference = TheoryTestSupport.Record(new GradientFlowRk4(problem, 2e-3), times);
        var integrator = new LogTimeFlowIntegrator(problem);
        var snapshots = new Snapshot[times.Length];
        var w = problem.CopyInitialPoint();
        var result = integrator.Run(w, times, snapshots);
        Assert.Equal(RunStatus.Completed, result.Status);
        output.WriteLine($"{integrator.LeapCount} leaps to T = 100");
        for (int k = 0; k < times.Length; k++)
        {
            Assert.Equal(times[k], snapshots[k].Time); // lands exactly on the output times
            double es = TheoryTestSupport.RelativeError(snapshots[k].S, reference[k].S);
            double eu = TheoryTestSupport.RelativeError(snapshots[k].U, reference[k].U);
            double em = TheoryTestSupport.RelativeError(snapshots[k].Mse, reference[k].Mse);
            output.WriteLine($"t = {times[k]}: s = {reference[k].S:F6}, u = {reference[k].U:F6}; relative errors s {es:E1}, u {eu:E1}, MSE {em:E1}");
            Assert.True(es <= 1e-4 && eu <= 1e-4 && em <= 1e-4, $"t = {times[k]}: errors s {es:E2}, u {eu:E2}, MSE {em:E2}");
        }
    }

    [Fact]
    public void AgreesWithRk4ToItsToleranceOf1e6()
    {
        var problem = new Problem(new ProblemSpec(500, 2, ProblemSeed: 1));
        double[] times = [0.1, 0.3, 0.5, 1, 2, 5, 10, 20, 50];
        var reference = TheoryTestSupport.Record(new GradientFlowRk4(problem, 1e-3), times);
        var integrator = new LogTimeFlowIntegrator(problem, LogTimeOptions.ForTolerance(1e-6));
        var snapshots = new Snapshot[times.Length];
        var result = integrator.Run(problem.CopyInitialPoint(), times, snapshots);
        Assert.Equal(RunStatus.Completed, result.Status);
        output.WriteLine($"{integrator.LeapCount} leaps to T = 50");
        for (int k = 0; k < times.Length; k++)
        {
            double es = TheoryTestSupport.RelativeError(snapshots[k].S, reference[k].S);
            double eu = TheoryTestSupport.RelativeError(snapshots[k].U, reference[k].U);
            double em = TheoryTestSupport.RelativeError(snapshots[k].Mse, reference[k].Mse);
            output.WriteLine($"t = {times[k]}: relative errors s {es:E1}, u {eu:E1}, MSE {em:E1}");
            Assert.True(es <= 1e-6 && eu <= 1e-6 && em <= 1e-6, $"t = {times[k]}: errors s {es:E2}, u {eu:E2}, MSE {em:E2}");
        }
    }

    [Fact]
    public void ReachesT1e7InFewLeaps()
    {
        var problem = new Problem(new ProblemSpec(1000, 2, ProblemSeed: 1));
        var integrator = new LogTimeFlowIntegrator(problem);
        var times = LogTimeGrid.LogSpaced(0.01, 1e7, 40);
        var snapshots = new Snapshot[times.Length];
        var w = problem.CopyInitialPoint();
        var result = integrator.Run(w, times, snapshots);
        output.WriteLine($"{integrator.LeapCount} leaps to T = 1e7; final s = {snapshots[^1].S:R}, u = {snapshots[^1].U:R}, MSE = {snapshots[^1].Mse:E2}");
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(integrator.LeapCount < 20_000, $"{integrator.LeapCount} leaps");
        Assert.Equal(integrator.LeapCount, result.StepsCompleted);
        // By T = 1e7 ≫ cutoff H d²/8 ≈ 2·10⁵ every direction is learned.
        Assert.True(snapshots[^1].OneMinusAbsU < 1e-9 && snapshots[^1].Mse < 1e-9);
    }

    [Fact]
    public void AdvanceAndRunAllocateNothing()
    {
        var problem = new Problem(new ProblemSpec(301, 2, ProblemSeed: 4)); // odd d: the vector and scalar paths both run
        var integrator = new LogTimeFlowIntegrator(problem);
        var w = problem.CopyInitialPoint();
        var times = LogTimeGrid.LogSpaced(2e4, 1e5, 10);
        var snapshots = new Snapshot[times.Length];
        var warmUp = new TheoryTestSupport.ArraySink(snapshots);
        var sink = new TheoryTestSupport.ArraySink(snapshots);
        integrator.Advance(w, 0, 1); // warm up (JIT)
        integrator.Run(w, [1.5, 2], warmUp, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        integrator.Advance(w, 2, 1e4);
        integrator.Run(w, times, sink, 1e4);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FrozenScheduleMatchesMODELDefaults()
    {
        var options = LogTimeOptions.Default;
        Assert.Equal(0.01, options.StepAt(1)); // the floor while c·t < 0.01
        Assert.Equal(0.005 * 5, options.StepAt(5));
        Assert.Equal(0.005 * 1000, options.StepAt(1000));
        Assert.Equal(0.01 / 10, options.StepAt(5, rate: 20)); // rate limit κ/r = 0.02/20
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogTimeFlowIntegrator(new Problem(new ProblemSpec(10, 2)), new LogTimeOptions { RelativeStep = 0 }));
    }

    [Fact]
    public void RejectsDecreasingOutputTimes()
    {
        var problem = new Problem(new ProblemSpec(10, 2));
        var integrator = new LogTimeFlowIntegrator(problem);
        var w = problem.CopyInitialPoint();
        Assert.Throws<ArgumentException>(() => integrator.Run(w, [1.0, 0.5], new Snapshot[2]));
    }
}
