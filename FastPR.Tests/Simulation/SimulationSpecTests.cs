using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>Validation names the offending setting as the command line spells it, and the horizon follows t = η·steps.</summary>
public sealed class SimulationSpecTests
{
    private static SimulationSpec Valid => new() { Problem = new ProblemSpec(50, 2.0) };

    public static TheoryData<string, SimulationSpec> Invalid() => new()
    {
        { "Dimension", Valid with { Problem = new ProblemSpec(0, 2.0) } },
        { "Exponent", Valid with { Problem = new ProblemSpec(50, -1) } },
        { "Sigma", Valid with { Problem = new ProblemSpec(50, 2, Sigma: double.NaN) } },
        { "BatchSize", Valid with { BatchSize = 0 } },
        { "LearningRate", Valid with { LearningRate = 0 } },
        { "LearningRate", Valid with { LearningRate = double.PositiveInfinity } },
        { "Steps", Valid with { Steps = -1 } },
        { "Time", Valid with { Time = -1 } },
        { "Time", Valid with { Time = double.NaN } },
        { "Time", Valid with { Steps = 10, Time = 1 } },
        { "Time", Valid with { Time = 1e300 } },
        { "Records", Valid with { Records = 1 } },
        { "Seeds", Valid with { Seeds = 0 } },
        { "Seeds", Valid with { Seeds = 2, Algorithm = AlgorithmKind.Gd } },
        { "Threads", Valid with { Threads = 0 } },
        { "Epsilon", Valid with { Epsilon = 0 } },
        { "Epsilon", Valid with { Epsilon = 1 } },
        { "Engine", Valid with { Engine = (EngineKind)42 } },
        { "Algorithm", Valid with { Algorithm = (AlgorithmKind)42 } },
        { "BatchSize", Valid with { Problem = new ProblemSpec(1 << 20, 2.0), BatchSize = 1 << 12, IdenticalMinibatches = true } },
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
