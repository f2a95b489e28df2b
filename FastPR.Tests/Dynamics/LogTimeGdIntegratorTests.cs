using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Dynamics;

public class LogTimeGdIntegratorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.01, 20_000)]
    [InlineData(0.001, 100_000)]
    public void AgreesWithPlainGd(double eta, long totalSteps)
    {
        var problem = new Problem(new ProblemSpec(1000, 2, ProblemSeed: 1));
        var steps = RecordSchedule.LogSpaced(totalSteps, 25)[1..];
        var integrator = new LogTimeGdIntegrator(problem, eta);
        var snapshots = new Snapshot[steps.Length];
        var w = problem.CopyInitialPoint();
        var result = integrator.Run(w, steps, snapshots);
        Assert.Equal(RunStatus.Completed, result.Status);
        var reference = TheoryTestSupport.Record(new PopulationGradientDescent(problem, eta), steps.Select(s => s * eta).ToArray());
        double worst = 0;
        for (int k = 0; k < steps.Length; k++)
        {
            Assert.Equal(reference[k].Step, snapshots[k].Step);
            worst = Math.Max(worst, Math.Max(TheoryTestSupport.RelativeError(snapshots[k].S, reference[k].S),
                Math.Max(TheoryTestSupport.RelativeError(snapshots[k].U, reference[k].U), TheoryTestSupport.RelativeError(snapshots[k].Mse, reference[k].Mse))));
        }
        output.WriteLine($"η = {eta}: {integrator.LeapCount} leaps for {totalSteps} steps, worst relative error of s, u, MSE {worst:E2}");
        Assert.True(worst <= 1e-4, $"worst relative error {worst:E2}");
        Assert.True(integrator.LeapCount < totalSteps / 5);
    }

    [Fact]
    public void AdvanceAndRunAllocateNothing()
    {
        var problem = new Problem(new ProblemSpec(300, 2, ProblemSeed: 4));
        var integrator = new LogTimeGdIntegrator(problem, 0.01);
        var w = problem.CopyInitialPoint();
        long[] steps = [200_000, 1_000_000];
        var snapshots = new Snapshot[steps.Length];
        integrator.Advance(w, 0, 3000); // warm up (JIT), through both the single-step and the leaping path
        long before = GC.GetAllocatedBytesForCurrentThread();
        integrator.Advance(w, 3000, 100_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        var warmUp = new TheoryTestSupport.ArraySink(snapshots);
        var sink = new TheoryTestSupport.ArraySink(snapshots);
        w = problem.CopyInitialPoint();
        integrator.Run(w, steps, warmUp);
        w = problem.CopyInitialPoint();
        before = GC.GetAllocatedBytesForCurrentThread();
        integrator.Run(w, steps, sink);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ReportsDivergence()
    {
        var problem = new Problem(new ProblemSpec(100, 2, ProblemSeed: 1));
        // ηλ_1|α| far above 2 once s is O(1): GD oscillates and blows up.
        var integrator = new LogTimeGdIntegrator(problem, 2.0);
        long[] steps = [10, 100, 1000];
        var w = problem.CopyInitialPoint();
        var result = integrator.Run(w, steps, new Snapshot[steps.Length]);
        Assert.Equal(RunStatus.Diverged, result.Status);
    }
}
