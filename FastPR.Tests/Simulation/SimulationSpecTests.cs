using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>Validation names the offending setting as the command line spells it, and the horizon follows t = η·steps.</summary>
public sealed class SimulationSpecTests
{
    private static SimulationSpec Valid => new() { Problem = new ProblemSpec(50, 2.0) };

    public static TheoryData<string, SimulationSpec> Invalid() => new()
    {
        { "d", Valid with { Problem = new ProblemSpec(0, 2.0) } },
        { "a", Valid with { Problem = new ProblemSpec(50, -1) } },
        { "sigma", Valid with { Problem = new ProblemSpec(50, 2, Sigma: double.NaN) } },
        { "batch", Valid with { BatchSize = 0 } },
        { "eta", Valid with { LearningRate = 0 } },
        { "eta", Valid with { LearningRate = double.PositiveInfinity } },
        { "steps", Valid with { Steps = -1 } },
        { "time", Valid with { Time = -1 } },
        { "time", Valid with { Time = double.NaN } },
        { "time", Valid with { Steps = 10, Time = 1 } },
        { "time", Valid with { Time = 1e300 } },
        { "records", Valid with { Records = 1 } },
        { "seeds", Valid with { Seeds = 0 } },
        { "seeds", Valid with { Seeds = 2, Algorithm = AlgorithmKind.Gd } },
        { "threads", Valid with { Threads = 0 } },
        { "epsilon", Valid with { Epsilon = 0 } },
        { "epsilon", Valid with { Epsilon = 1 } },
        { "engine", Valid with { Engine = (EngineKind)42 } },
        { "algorithm", Valid with { Algorithm = (AlgorithmKind)42 } },
        { "batch", Valid with { Problem = new ProblemSpec(1 << 20, 2.0), BatchSize = 1 << 12, IdenticalMinibatches = true } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_NamesTheSetting(string name, SimulationSpec spec)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(spec.Validate);
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void Horizon_IsEtaTimesSteps_OrTheGivenTime()
    {
        Assert.Equal(100_000, (Valid with { Time = 100 }).TotalSteps);
        Assert.Equal(100.0, (Valid with { Time = 100 }).Horizon, 12);
        Assert.Equal(2.5, (Valid with { Steps = 2500 }).Horizon, 12);
        Assert.Equal(7, (Valid with { Algorithm = AlgorithmKind.Flow, Time = 7 }).Horizon);
        Assert.Equal(0.25, (Valid with { Algorithm = AlgorithmKind.Flow, Steps = 250 }).Horizon, 12);
        Assert.Equal(SimulationSpec.DefaultTime(AlgorithmKind.Flow), (Valid with { Algorithm = AlgorithmKind.Flow }).Horizon);
        Valid.Validate();
    }
}
