using FastPR.Core;

namespace FastPR.Tests.Simulation;

public sealed class EnsembleRunnerTests
{
    private static readonly Problem Problem = new(new ProblemSpec(60, 2.0, Sigma: 0.1, ProblemSeed: 4));

    // η = 0.005 keeps every member stable (η = 0.02 let one member of this problem diverge after a stream change).
    private static EnsembleResult RunEnsemble(int threads, GaussianSourceKind source, EngineKind engine = EngineKind.Reference) =>
        EnsembleRunner.Run(6,
            m => SgdEngines.Create(engine, Problem, new SgdSettings(2, 0.005), GaussianSources.Create(source, 17, m)),
            RecordSchedule.LogSpaced(3000, 12), maxThreads: threads);

    [Fact]
    public void Result_DoesNotDependOnThreadCount()
    {
        var serial = RunEnsemble(1, GaussianSourceKind.Philox);
        var parallel = RunEnsemble(4, GaussianSourceKind.Philox);
        for (int m = 0; m < 6; m++) Assert.Equal(serial.Trajectories[m], parallel.Trajectories[m]);
    }

    [SkippableFact]
    public void MklEnsemble_DoesNotDependOnThreadCount()
    {
        MklRequirement.SkipUnlessAvailable();
        var serial = RunEnsemble(1, GaussianSourceKind.Mkl, EngineKind.Mkl);
        var parallel = RunEnsemble(2, GaussianSourceKind.Mkl, EngineKind.Mkl);
        for (int m = 0; m < 6; m++) Assert.Equal(serial.Trajectories[m], parallel.Trajectories[m]);
    }

    [Fact]
    public void Members_AreDistinctStreams()
    {
        var result = RunEnsemble(2, GaussianSourceKind.Philox);
        var finalU = result.Trajectories.Select(t => t[^1].U).ToArray();
        Assert.Equal(finalU.Length, finalU.Distinct().Count());
    }

    [Fact]
    public void Aggregate_MatchesDirectComputation()
    {
        var result = RunEnsemble(2, GaussianSourceKind.Philox);
        Assert.Equal(RunStatus.Completed, result.Status);
        int last = result.Aggregate.RecordCount - 1;
        foreach (Statistic k in Enum.GetValues<Statistic>())
        {
            var values = result.Trajectories.Select(t => t[last].Get(k)).OrderBy(v => v).ToArray();
            double mean = values.Average();
            double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            // Type-7 quantiles of 6 values: position p·5.
            double q05 = values[0] + 0.25 * (values[1] - values[0]);
            double q95 = values[4] + 0.75 * (values[5] - values[4]);
            var band = result.Aggregate.Get(last, k);
            Assert.Equal(6, band.Count);
            Assert.Equal(mean, band.Mean, 1e-12 * Math.Abs(mean) + 1e-300);
            Assert.Equal(std, band.Std, 1e-10 * std + 1e-300);
            Assert.Equal(q05, band.Q05, 1e-12 * Math.Abs(q05) + 1e-300);
            Assert.Equal(q95, band.Q95, 1e-12 * Math.Abs(q95) + 1e-300);
            Assert.True(band.Q05 <= band.Mean + 1e-12 && band.Mean <= band.Q95 + 1e-12 || band.Std == 0);
        }
        var means = result.Aggregate.MeanTrajectory();
        Assert.Equal(result.Aggregate.RecordCount, means.Length);
        Assert.Equal(result.Aggregate.Get(last, Statistic.U).Mean, means[^1].U);
    }

    [Fact]
    public void DivergedMembers_AreExcludedFromLaterBands()
    {
        var result = EnsembleRunner.Run(3,
            m => new ReferenceSgdEngine(Problem, new SgdSettings(1, m == 1 ? 50.0 : 0.01), GaussianSources.Create(GaussianSourceKind.Philox, 1, m)),
            RecordSchedule.LogSpaced(20_000, 10), maxThreads: 2);
        Assert.Equal(RunStatus.Diverged, result.Status);
        Assert.Equal(RunStatus.Diverged, result.Members[1].Status);
        Assert.Equal(2, result.Aggregate.Get(result.Aggregate.RecordCount - 1, 0).Count);
    }
}
