using System.Text.Json;
using FastPR.Cli.Commands;
using FastPR.Cli.Output;

namespace FastPR.Tests.Cli;

/// <summary>theory, verify, bench, info, help and the default experiment, end to end.</summary>
public sealed class OtherCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Theory_Json_UsesTheSummaryNames_AndMatchesSimulate()
    {
        var theory = _cli.Run("theory", "--d", "200", "--a", "1.5", "--problem-seed", "4", "--json");
        Assert.True(theory.Exit == 0, theory.ToString());
        var root = JsonDocument.Parse(theory.Out).RootElement;
        var names = root.GetProperty("theory").EnumerateObject().Select(p => p.Name).ToArray();
        foreach (string name in new[] { "lambda_1", "h_da", "sigma_star_sq", "u0", "rho", "c", "t1_predicted", "cutoff_time" }) Assert.Contains(name, names);
        var table = root.GetProperty("isotropic_benchmark").EnumerateArray().ToArray();
        Assert.InRange(table.Length, 3, 12);
        var sd = table.Select(r => r.GetProperty("s_d").GetDouble()).ToArray();
        Assert.True(sd.Zip(sd.Skip(1)).All(p => p.Second <= p.First), "S_d decreases in τ");
        Assert.InRange(sd[0], 0.9, 1.0);

        string dir = _cli.PathTo("sim");
        var simulate = _cli.Run("simulate", "--d", "200", "--a", "1.5", "--problem-seed", "4", "--time", "0.1", "--records", "5", "--out", dir, "--json");
        Assert.True(simulate.Exit == 0, simulate.ToString());
        var fromSimulate = JsonDocument.Parse(simulate.Out).RootElement.GetProperty("theory");
        foreach (string name in names) Assert.Equal(root.GetProperty("theory").GetProperty(name).ToString(), fromSimulate.GetProperty(name).ToString());

        var text = _cli.Run("theory", "--d", "200", "--a", "1.5");
        Assert.Equal(0, text.Exit);
        Assert.Contains("ρ_true", text.Out);
        Assert.Contains("S_d(τ)", text.Out);
    }

    [Fact]
    public void Verify_PassesAndPrintsDeviationsAgainstTolerances()
    {
        var run = _cli.Run("verify", "--quiet");
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("deviation", run.Out);
        Assert.Contains("tolerance", run.Out);
        Assert.Contains("explicit vs projected", run.Out);
        Assert.Matches(@"\d+ passed, 0 failed", run.Out);
    }

    [Fact]
    public void Bench_Json_HasEveryEngineAndSourceAndAutoAtEverySize()
    {
        var run = _cli.Run("bench", "--seconds", "0.01", "--json");
        Assert.True(run.Exit == 0, run.ToString());
        var rows = JsonDocument.Parse(run.Out).RootElement.GetProperty("rows").EnumerateArray().ToArray();
        var engineRows = rows.Where(r => r.GetProperty("d").ValueKind == JsonValueKind.Number).ToArray();
        Assert.Equal([1000, 4096, 16384], engineRows.Select(r => r.GetProperty("d").GetInt32()).Distinct().Order());
        Assert.Contains(engineRows, r => r.GetProperty("engine").GetString() == "projected");
        foreach (int d in new[] { 1000, 4096, 16384 })
        {
            var auto = Assert.Single(engineRows, r => r.GetProperty("d").GetInt32() == d && r.GetProperty("engine").GetString() == "auto");
            Assert.Contains(auto.GetProperty("auto_engine").GetString(), new[] { "reference", "mkl", "projected" });
            var baseline = Assert.Single(engineRows, r => r.GetProperty("d").GetInt32() == d && r.GetProperty("engine").GetString() == "reference" &&
                r.GetProperty("source").GetString() == "managed-scalar");
            Assert.Equal(1.0, baseline.GetProperty("ratio_to_reference").GetDouble());
        }
        Assert.All(rows, r => Assert.True(r.GetProperty("ns_per_gaussian").GetDouble() > 0));
        Assert.Contains(rows, r => r.GetProperty("engine").GetString() == "(source only)");

        // Scaling: the ensemble and the sweep at 1 … all threads, efficiency 1 at one thread by definition, and the shared-state ratios.
        var scaling = JsonDocument.Parse(run.Out).RootElement.GetProperty("scaling").EnumerateArray().ToArray();
        var threads = Enumerable.Range(1, Environment.ProcessorCount).ToArray();
        int points = 4 * Environment.ProcessorCount;
        foreach (string workload in new[] { "ensemble of 8 (steps/s)", $"sweep of {points} points, no predictions (points/s)", $"sweep of {points} points, predictions beside (points/s)" })
        {
            var series = scaling.Where(r => r.GetProperty("workload").GetString() == workload).ToArray();
            Assert.Equal(threads, series.Select(r => r.GetProperty("threads").GetInt32()));
            Assert.Equal(1.0, series[0].GetProperty("efficiency").GetDouble());
            Assert.All(series, r => Assert.True(r.GetProperty("per_second").GetDouble() > 0));
        }
        Assert.Equal(3, scaling.Count(r => r.GetProperty("ratio_to_bare").ValueKind == JsonValueKind.Number));
    }

    [Fact]
    public void Info_ReportsTheRuntime()
    {
        var run = _cli.Run("info");
        Assert.True(run.Exit is 0 or 4, run.ToString());
        if (run.Exit == 0) Assert.Contains(".NET", run.Out);
    }

    [Fact]
    public void Help_IsPrintedOnStdout()
    {
        var run = _cli.Run("simulate", "--help");
        Assert.Equal(0, run.Exit);
        foreach (string option in new[] { "--d", "--algorithm", "--engine", "--gaussians", "--epsilon", "--out", "--json", "--quiet" }) Assert.Contains(option, run.Out);
        var root = _cli.Run("--help");
        foreach (string command in new[] { "simulate", "theory", "verify", "bench", "sweep", "info" }) Assert.Contains(command, root.Out);
    }

    [Fact]
    public void DefaultExperiment_WritesFlowSgdAndCombinedPlot_AndPrintsTheTable()
    {
        string dir = _cli.PathTo("results");
        var settings = new DefaultExperimentCommand.Settings(Dimension: 100, Exponent: 2, FlowTime: 1e4, SgdTime: 3, Seeds: 2, Records: 40);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = DefaultExperimentCommand.Run(FastPR.Cli.CliConsole.Captured(output, error), dir, quiet: true, settings);
        Assert.True(exit == 0, error.ToString());
        foreach (string run in new[] { "flow", "sgd" })
        {
            foreach (string file in new[] { "trajectory.csv", "summary.json", "plot.png" }) Assert.True(File.Exists(Path.Combine(dir, run, file)), $"{run}/{file}");
        }
        Assert.Equal((PlotRenderer.Width, PlotRenderer.Height), CliFiles.PngSize(Path.Combine(dir, "plot.png")));
        var flow = CliFiles.ReadJson(Path.Combine(dir, "flow", "summary.json"));
        var sgd = CliFiles.ReadJson(Path.Combine(dir, "sgd", "summary.json"));
        Assert.Equal("flow", flow.GetProperty("parameters").GetProperty("algorithm").GetString());
        Assert.Equal(2, sgd.GetProperty("parameters").GetProperty("seeds").GetInt32());
        Assert.Equal(flow.GetProperty("theory").GetProperty("rho").GetDouble(), sgd.GetProperty("theory").GetProperty("rho").GetDouble());
        string table = output.ToString();
        foreach (string row in new[] { "predicted", "flow", "SGD", "T1", "T2", "ρ" }) Assert.Contains(row, table);

        // The settings fastpr runs with no arguments are the paper's headline.
        var paper = DefaultExperimentCommand.Settings.Paper;
        Assert.Equal((1000, 2.0, 1e7, 8), (paper.Dimension, paper.Exponent, paper.FlowTime, paper.Seeds));
        Assert.Equal((1, 1e-3), (paper.Sgd.BatchSize, paper.Sgd.LearningRate));
    }
}
