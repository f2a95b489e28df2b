using FastPR.Core;
using FastPR.Tests.Native;

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
        Assert.Equal(EngineKind.Mkl, choice.Kind);
        Assert.Contains("identical minibatches", choice.Reason);
    }

    [Fact]
    public void Auto_AtBatchOne_TakesTheExplicitEngine()
    {
        var choice = SgdEngines.Choose(EngineKind.Auto, Problem, 1);
        Assert.Equal(EngineKind.Mkl, choice.Kind);
        Assert.Equal(EngineKind.Mkl, SgdEngines.Resolve(EngineKind.Auto));
    }

    /// <summary>The explicit engine calls no MKL, so "auto" takes it, and it runs, where MKL cannot be loaded: the same request
    /// takes the same engine and gives the same bits on every machine, and a run that never calls MKL does not load it.</summary>
    [Fact]
    public void WithoutMkl_AutoStillTakesTheExplicitEngine_AndGivesTheSameBits()
    {
        string with = _cli.PathTo("with-mkl"), without = _cli.PathTo("without-mkl");
        string[] run = ["simulate", "--d", "200", "--steps", "300", "--records", "5", "--quiet", "--seed", "4"];
        var a = FastprProcess.Run(new Dictionary<string, string>(), [.. run, "--out", with]);
        var b = FastprProcess.Run(new Dictionary<string, string> { ["FASTPR_MKL_PATH"] = "/nonexistent/libmkl_rt.so" }, [.. run, "--out", without]);
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.True(b.ExitCode == 0, b.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(with, "trajectory.csv")), File.ReadAllBytes(Path.Combine(without, "trajectory.csv")));
        foreach (string dir in new[] { with, without })
        {
            var summary = CliFiles.ReadJson(Path.Combine(dir, "summary.json"));
            Assert.Equal("mkl", summary.GetProperty("run").GetProperty("engine").GetString());
            var mkl = summary.GetProperty("environment").GetProperty("mkl");
            Assert.False(mkl.GetProperty("probed").GetBoolean(), dir);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, mkl.GetProperty("available").ValueKind);
        }
    }

    /// <summary>A run that draws from VSL loads MKL beside its start and describes it.</summary>
    [Fact]
    public void AVslRun_LoadsMkl_AndNamesItInTheSummary()
    {
        MklRequirement.SkipUnlessAvailable();
        string dir = _cli.PathTo("vsl");
        var done = FastprProcess.Run(new Dictionary<string, string>(),
            "simulate", "--d", "200", "--steps", "300", "--records", "5", "--quiet", "--gaussians", "mkl", "--out", dir);
        Assert.True(done.ExitCode == 0, done.Stderr);
        var mkl = CliFiles.ReadJson(Path.Combine(dir, "summary.json")).GetProperty("environment").GetProperty("mkl");
        Assert.True(mkl.GetProperty("probed").GetBoolean());
        Assert.True(mkl.GetProperty("available").GetBoolean());
        Assert.False(string.IsNullOrEmpty(mkl.GetProperty("version").GetString()));
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
        Assert.Equal("mkl", summary.GetProperty("engine").GetString());
    }
}
