using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FastPR.Cli.Output;
using FastPR.Cli.Sweep;
using FastPR.Core;

namespace FastPR.Tests.Cli;

/// <summary>
/// Every JSON document the CLI writes reads back through the source-generated <see cref="CliJsonContext"/> and writes again to
/// the same text, which is also what the reflection-based serializer (the JIT build before NativeAOT) writes for it.
/// </summary>
public sealed class JsonContextTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Theory]
    [InlineData("flow", new[] { "--algorithm", "flow", "--d", "200", "--a", "2", "--time", "1e5", "--records", "60" })]
    [InlineData("ensemble", new[] { "--d", "200", "--a", "1.5", "--time", "8", "--seeds", "3", "--threads", "1", "--records", "30" })]
    [InlineData("sgd-ode", new[] { "--algorithm", "sgd-ode", "--d", "100", "--a", "1.5", "--time", "20", "--records", "30" })]
    public void Summary_RoundTrips(string name, string[] args)
    {
        string dir = _cli.PathTo(name);
        var run = _cli.Run(["simulate", .. args, "--out", dir, "--quiet"]);
        Assert.True(run.Exit == 0, run.ToString());
        string json = File.ReadAllText(Path.Combine(dir, "summary.json"));
        AssertRoundTrips(json, SummaryJson.Context.SummaryDocument);
        Assert.Equal(json, SummaryJson.Serialize(SummaryJson.Deserialize(json)));
    }

    [Fact]
    public void RunState_RoundTrips()
    {
        string dir = _cli.PathTo("state");
        using (var folder = RunFolder.Acquire(dir, "out"))
            folder.Start(new SimulationSpec { Problem = new ProblemSpec(Dimension: 50, Exponent: 1.5), Time = 1 }, "0123456789abcdef", null);
        AssertRoundTrips(File.ReadAllText(Path.Combine(dir, RunFolder.StateFile)), SummaryJson.Context.RunState);
    }

    [Fact]
    public void SweepManifest_RoundTrips()
    {
        string dir = _cli.PathTo("sweep");
        var run = _cli.Run("sweep", "--grid", "a=1.5,2", "--d", "30", "--time", "0.2", "--records", "8", "--no-plots", "--quiet", "--out", dir);
        Assert.True(run.Exit == 0, run.ToString());
        string json = File.ReadAllText(Path.Combine(dir, SweepManifest.FileName));
        AssertRoundTrips(json, SummaryJson.Context.SweepManifest);
        Assert.Equal(json, SweepManifest.Read(dir)!.ToJson());
    }

    [Fact]
    public void Theory_RoundTrips()
    {
        var run = _cli.Run("theory", "--d", "200", "--a", "1.5", "--json");
        Assert.True(run.Exit == 0, run.ToString());
        AssertRoundTrips(run.Out, SummaryJson.Context.TheoryDocument);
    }

    [Fact]
    public void Bench_RoundTrips()
    {
        var run = _cli.Run("bench", "--seconds", "0.01", "--json");
        Assert.True(run.Exit == 0, run.ToString());
        AssertRoundTrips(run.Out, SummaryJson.Context.BenchDocument);
    }

    private static void AssertRoundTrips<T>(string json, JsonTypeInfo<T> info)
    {
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        T value = JsonSerializer.Deserialize(json, info)!;
        Assert.Equal(json, JsonSerializer.Serialize(value, info) + "\n");
        var reflection = new JsonSerializerOptions(SummaryJson.Context.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        Assert.Equal(json, JsonSerializer.Serialize(value, reflection) + "\n");
    }

    public void Dispose() => _cli.Dispose();
}
