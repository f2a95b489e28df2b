using FastPR.Core;
using FastPR.Native;

namespace FastPR.Tests.Cli;

/// <summary>
/// "--engine auto" takes the fastest engine that answers the request: the projected engine (exact in law, not pathwise)
/// whenever it draws fewer normals, unless identical minibatches are asked for; it says which and why, in summary.json too.
/// </summary>
public sealed class EngineAutoTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly Problem Problem = new(new ProblemSpec(1000, 2.0));

    [Fact]
    public void Auto_TakesTheProjectedEngine_WhenItDrawsFewerNormals()
    {
        var choice = SgdEngines.Choose(EngineKind.Auto, Problem, 8);
        Assert.Equal(EngineKind.Projected, choice.Kind);
        Assert.Contains("d + 2B = 1016", choice.Reason);
    }

    [Fact]
    public void Auto_TakesAnExplicitEngine_WhenIdenticalMinibatchesAreAsked()
    {
        var choice = SgdEngines.Choose(EngineKind.Auto, Problem, 8, identicalMinibatches: true);
        Assert.Equal(MklLibrary.IsAvailable ? EngineKind.Mkl : EngineKind.Reference, choice.Kind);
        Assert.Contains("identical minibatches", choice.Reason);
    }

    [Fact]
    public void Auto_AtBatchOne_TakesMklWhenItLoads()
    {
        var choice = SgdEngines.Choose(EngineKind.Auto, Problem, 1);
        Assert.Equal(MklLibrary.IsAvailable ? EngineKind.Mkl : EngineKind.Projected, choice.Kind);
    }

    [Fact]
    public void ARequestedEngine_IsKept()
    {
        Assert.Equal(new EngineChoice(EngineKind.Reference, "requested"), SgdEngines.Choose(EngineKind.Reference, Problem, 8));
    }

    [Fact]
    public void Simulate_PrintsTheChoiceAndRecordsItInTheSummary()
    {
        string dir = _cli.PathTo("auto");
        var run = _cli.Run(["simulate", "--d", "200", "--batch", "4", "--steps", "100", "--records", "5", "--out", dir]);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("fastpr: engine auto → projected: exact in law", run.Err);
        var summary = CliFiles.ReadJson(Path.Combine(dir, "summary.json")).GetProperty("run");
        Assert.Equal("projected", summary.GetProperty("engine").GetString());
        Assert.StartsWith("exact in law with d + 2B = 208", summary.GetProperty("engine_reason").GetString());

        string pathwise = _cli.PathTo("pathwise");
        run = _cli.Run(["simulate", "--d", "200", "--batch", "4", "--steps", "100", "--records", "5", "--quiet", "--identical-minibatches", "--out", pathwise]);
        Assert.True(run.Exit == 0, run.ToString());
        summary = CliFiles.ReadJson(Path.Combine(pathwise, "summary.json")).GetProperty("run");
        Assert.Equal(MklLibrary.IsAvailable ? "mkl" : "reference", summary.GetProperty("engine").GetString());
    }
}
