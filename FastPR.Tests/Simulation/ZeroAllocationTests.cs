using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>
/// Steps, statistics and the runner allocate nothing once built (README "Use it as a library").
/// Measured with the per-thread allocation counter, after one warm-up call so that JIT and static initialisation are excluded.
/// </summary>
public class ZeroAllocationTests
{
    private const int Steps = 10_000;

    private static long AllocatedBy(Action action)
    {
        action(); // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void AssertStepsAllocateNothing(IStepper stepper)
    {
        double[] w = stepper.Problem.CopyInitialPoint();
        long bytes = AllocatedBy(() => { for (int n = 0; n < Steps; n++) stepper.Step(w); });
        Assert.True(bytes == 0, $"{stepper.Name}: {Steps} steps allocated {bytes} bytes");
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(4, 0.5)]
    public void ReferenceEngineStepAllocatesNothing(int batch, double sigma)
    {
        var problem = CoreTestMath.MakeProblem(50, 1.5, 3, sigma);
        using var engine = new ReferenceSgdEngine(problem, new SgdSettings(batch, 1e-3), new ManagedGaussianSource(SeedSequence.RunKey(3)));
        AssertStepsAllocateNothing(engine);
    }

    [Fact]
    public void PopulationSteppersAllocateNothing()
    {
        var problem = CoreTestMath.MakeProblem(50, 1.5, 3);
        using var gd = new PopulationGradientDescent(problem, 1e-2);
        using var flow = new GradientFlowRk4(problem, 1e-2);
        AssertStepsAllocateNothing(gd);
        AssertStepsAllocateNothing(flow);
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(5, 0.5)]
    public void SgdSdeStepAllocatesNothing(int stride, double sigma)
    {
        var problem = CoreTestMath.MakeProblem(50, 1.5, 3, sigma);
        using var sde = new SgdSdeStepper(problem, new SgdSettings(1, 1e-3), stride, new ManagedGaussianSource(SeedSequence.RunKey(3)));
        AssertStepsAllocateNothing(sde);
    }

    [Fact]
    public void StatisticsAndSourceAllocateNothing()
    {
        var problem = CoreTestMath.MakeProblem(50, 1.5, 3);
        var statistics = new ModelStatistics(problem);
        double[] w = problem.CopyInitialPoint(), s = new double[5], u = new double[5], buffer = new double[101];
        var source = new ManagedGaussianSource(1);
        double sink = 0;
        long bytes = AllocatedBy(() =>
        {
            for (int n = 0; n < 1000; n++)
            {
                statistics.Moments(w, s, u);
                statistics.TeacherMoments(s);
                sink += statistics.Snapshot(w, n, n).Loss + statistics.Mse(w);
                source.Fill(buffer.AsSpan(0, 1 + n % 100));
            }
        });
        Assert.True(double.IsFinite(sink));
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void TrajectoryRunnerAllocatesNothing()
    {
        var problem = CoreTestMath.MakeProblem(50, 1.5, 3);
        using var engine = new ReferenceSgdEngine(problem, new SgdSettings(2, 1e-3), new ManagedGaussianSource(SeedSequence.RunKey(4)));
        var recorder = TrajectoryRecorder.LogSpaced(Steps, 30);
        double[] w = problem.CopyInitialPoint();
        RunResult result = default;
        long bytes = AllocatedBy(() =>
        {
            problem.InitialPoint.CopyTo(w);
            result = TrajectoryRunner.Run(engine, w, recorder);
        });
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(Steps, result.StepsCompleted);
        Assert.True(bytes == 0, $"TrajectoryRunner.Run over {Steps} steps allocated {bytes} bytes");
    }
}
