using System.Text.Json;
using FastPR.Cli.Output;

namespace FastPR.Tests.Cli;

/// <summary><c>fastpr simulate</c> end to end: files parsed and checked, --json, divergence and interruption.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private const int D = 1000; // |u(0)| ≈ 0.03 < δ, so Phase I is visible and the escape fit exists
    private static readonly string[] Small = ["--d", "1000", "--a", "2", "--time", "3", "--records", "40", "--quiet"];

    [Fact]
    public void SingleRun_WritesCsvJsonAndPng_WithMatchingContent()
    {
        string dir = _cli.PathTo("single");
        var run = _cli.Run(["simulate", .. Small, "--out", dir, "--engine", "reference", "--gaussians", "managed", "--seed", "3"]);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("predicted", run.Out);

        var (header, rows) = CliFiles.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        Assert.Equal(["t", "step", "s", "u", "loss", "mse", "one_minus_u", "s2", "u2"], header);
        Assert.InRange(rows.Count, 30, 40);
        var times = rows.Select(r => CliFiles.Number(r[0])).ToArray();
        Assert.Equal(0, times[0]);
        Assert.Equal(3, times[^1], 12);
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First), "times increase");
        Assert.All(rows, r => Assert.Equal(1 - Math.Abs(CliFiles.Number(r[3])), CliFiles.Number(r[6]), 12));

        var summary = CliFiles.ReadJson(Path.Combine(dir, "summary.json"));
        Assert.Equal("completed", summary.GetProperty("status").GetString());
        var parameters = summary.GetProperty("parameters");
        Assert.Equal(D, parameters.GetProperty("d").GetInt32());
        Assert.Equal(2.0, parameters.GetProperty("a").GetDouble());
        Assert.Equal(1, parameters.GetProperty("batch").GetInt32());
        Assert.Equal(1e-3, parameters.GetProperty("eta").GetDouble());
        Assert.Equal(3000, parameters.GetProperty("steps").GetInt64());
        Assert.Equal(3.0, parameters.GetProperty("time").GetDouble(), 12);
        Assert.Equal(0.0, parameters.GetProperty("sigma").GetDouble());
        Assert.Equal(1, parameters.GetProperty("seeds").GetInt32());
        Assert.Equal(0UL, parameters.GetProperty("problem_seed").GetUInt64());
        Assert.Equal(3UL, parameters.GetProperty("seed").GetUInt64());
        Assert.Equal("sgd", parameters.GetProperty("algorithm").GetString());
        Assert.Equal("reference", parameters.GetProperty("engine").GetString());
        Assert.Equal("philox", parameters.GetProperty("gaussians").GetString()); // "managed", the former name, is written as today's
        var environment = summary.GetProperty("environment");
        foreach (string name in new[] { "fastpr_version", "dotnet", "cpu", "cpu_vendor", "cpu_isa" }) Assert.False(string.IsNullOrEmpty(environment.GetProperty(name).GetString()), name);
        var mkl = environment.GetProperty("mkl");
        Assert.Equal(JsonValueKind.Object, mkl.ValueKind);
        if (mkl.GetProperty("probed").GetBoolean() && mkl.GetProperty("available").GetBoolean())
        {
            foreach (string name in new[] { "version", "code_path", "dispatch", "cnr_mode", "cnr_note" }) Assert.False(string.IsNullOrEmpty(mkl.GetProperty(name).GetString()), name);
        }
        Assert.Equal("reference", summary.GetProperty("run").GetProperty("engine").GetString());
        Assert.StartsWith("managed", summary.GetProperty("run").GetProperty("gaussian_source").GetString());
        var timing = summary.GetProperty("timing");
        Assert.True(timing.GetProperty("wall_seconds").GetDouble() > 0);
        Assert.True(timing.GetProperty("steps_per_second").GetDouble() > 0);
        Assert.True(timing.GetProperty("ns_per_gaussian").GetDouble() > 0);
        // ns per Gaussian is defined as wall × threads ÷ normals drawn (3000 steps × d normals, one thread).
        Assert.Equal(timing.GetProperty("wall_seconds").GetDouble() * 1e9 / (3000.0 * D), timing.GetProperty("ns_per_gaussian").GetDouble(), 6);

        // The final block is the last CSV row.
        var final = summary.GetProperty("final");
        var last = rows[^1];
        Assert.Equal(CliFiles.Number(last[0]), final.GetProperty("t").GetDouble());
        Assert.Equal(CliFiles.Number(last[2]), final.GetProperty("s").GetDouble());
        Assert.Equal(CliFiles.Number(last[3]), final.GetProperty("u").GetDouble());
        Assert.Equal(CliFiles.Number(last[4]), final.GetProperty("loss").GetDouble());
        Assert.Equal(CliFiles.Number(last[5]), final.GetProperty("mse").GetDouble());
        Assert.Equal(CliFiles.Number(last[6]), final.GetProperty("one_minus_u").GetDouble());

        var phases = summary.GetProperty("phases");
        foreach (string name in new[] { "t1", "t1_prime", "t2" }) Assert.True(phases.TryGetProperty(name, out _), name);
        Assert.Equal(0.05, phases.GetProperty("epsilon").GetDouble());
        var theory = summary.GetProperty("theory");
        foreach (string name in new[] { "lambda_1", "h_da", "sigma_star_sq", "u0", "rho", "c", "t1_predicted", "cutoff_time" })
            Assert.Equal(JsonValueKind.Number, theory.GetProperty(name).ValueKind);
        Assert.True(theory.GetProperty("rho").GetDouble() > 4 * theory.GetProperty("lambda_1").GetDouble(), "ρ lies above the pole 4λ_1");
        var escape = summary.GetProperty("fits").GetProperty("escape");
        foreach (string name in new[] { "slope", "window", "r2", "predicted" }) Assert.True(escape.TryGetProperty(name, out _), name);
        Assert.Equal(theory.GetProperty("rho").GetDouble(), escape.GetProperty("predicted").GetProperty("rho").GetDouble());
        Assert.Equal(theory.GetProperty("rho").GetDouble(), summary.GetProperty("predictions").GetProperty("rho_true").GetDouble());

        Assert.Equal((PlotRenderer.Width, PlotRenderer.Height), CliFiles.PngSize(Path.Combine(dir, "plot.png")));
        var stray = Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(dir, ".*")).Where(f => Path.GetFileName(f) != RunFolder.LockFile);
        Assert.Empty(stray);
    }

    [Fact]
    public void ResultTable_SaysWhyAValueIsMissing()
    {
        // d = 30 starts with |u(0)| above δ, so there is no Phase I to fit, and t = 0.5 is far from T2.
        var early = _cli.Run(["simulate", "--d", "30", "--time", "0.5", "--records", "12", "--quiet", "--out", _cli.PathTo("early")],
            new Dictionary<string, string> { ["COLUMNS"] = "400" }, default); // no wrapped cells
        Assert.Contains("no escape: |u(0)| = ", early.Out);
        Assert.True(early.Exit == 0, early.ToString());
        Assert.Contains("not reached by t = 0.5", early.Out);
        // s passed s*/3 by t = 0.5, but the Phase IIb window starts at 10/λ_1 ≈ 16.
        Assert.Contains("no fit: Phase IIb's window starts at t = ", early.Out);
        Assert.Contains("after the run's end t = 0.5", early.Out);
        // More in ResultTableTests.
    }

    [Theory]
    [InlineData(-2.220446049250313e-16, 0.0)]
    [InlineData(-1e-12, 0.0)]
    [InlineData(-1e-6, -1e-6)] // |u| above s* by more than rounding: shown as it is
    [InlineData(0.0123, 0.0123)]
    public void FinalOneMinusU_IsClampedOnlyAtRoundingLevel(double value, double shown) =>
        Assert.Equal(shown, ResultTable.ClampRounding(value));

    [Fact]
    public void Ensemble_HasBandColumnsAndOneEntryPerMember()
    {
        string dir = _cli.PathTo("ensemble");
        var run = _cli.Run(["simulate", .. Small, "--seeds", "3", "--threads", "2", "--out", dir]);
        Assert.True(run.Exit == 0, run.ToString());
        var (header, rows) = CliFiles.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        string[] statistics = ["s", "u", "loss", "mse", "one_minus_u", "s2", "u2"];
        Assert.Equal(["t", "step", .. statistics, .. statistics.SelectMany(s => new[] { s + "_std", s + "_q05", s + "_q95" }), "members", "u_aligned"], header);
        int mseMean = header.ToList().IndexOf("mse"), q05 = header.ToList().IndexOf("mse_q05"), q95 = header.ToList().IndexOf("mse_q95");
        int membersColumn = header.ToList().IndexOf("members");
        Assert.All(rows, r =>
        {
            Assert.Equal("3", r[membersColumn]);
            Assert.InRange(CliFiles.Number(r[mseMean]), CliFiles.Number(r[q05]) - 1e-15, CliFiles.Number(r[q95]) + 1e-15);
        });
        Assert.True(rows.Skip(1).Any(r => CliFiles.Number(r[header.ToList().IndexOf("u_std")]) > 0), "members differ");
        var summary = CliFiles.ReadJson(Path.Combine(dir, "summary.json"));
        var members = summary.GetProperty("members");
        Assert.Equal(3, members.GetArrayLength());
        Assert.Equal(3, members.EnumerateArray().Select(m => m.GetProperty("stream_key").GetString()).Distinct().Count());
        Assert.Equal(2, summary.GetProperty("timing").GetProperty("threads_used").GetInt32());
        Assert.Equal(CliFiles.Number(rows[^1][mseMean]), summary.GetProperty("final").GetProperty("mse").GetDouble());
    }

    [Fact]
    public void SgdOde_RunsInLeaps_AndAnSgdRunCarriesItsPredictionsApartFromTheFlows()
    {
        string ode = _cli.PathTo("sgd-ode");
        var run = _cli.Run(["simulate", "--d", "40", "--a", "2", "--algorithm", "sgd-ode", "--eta", "0.01", "--sigma", "0.5", "--time", "100",
            "--records", "60", "--out", ode, "--json"]);
        Assert.True(run.Exit == 0, run.ToString());
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("sgd-ode", summary.GetProperty("parameters").GetProperty("algorithm").GetString());
        Assert.Equal("wick", summary.GetProperty("parameters").GetProperty("closure").GetString());
        Assert.Equal(Core.SgdPredictions.Tolerance, summary.GetProperty("parameters").GetProperty("tolerance").GetDouble());
        Assert.Equal("leap", summary.GetProperty("run").GetProperty("step_unit").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("sgd_theory").ValueKind);
        double odeMse = summary.GetProperty("final").GetProperty("mse").GetDouble();

        string sgd = _cli.PathTo("sgd-with-theory");
        run = _cli.Run(["simulate", "--d", "40", "--a", "2", "--eta", "0.01", "--sigma", "0.5", "--time", "100", "--records", "60",
            "--seeds", "2", "--threads", "1", "--out", sgd, "--json"]);
        Assert.True(run.Exit == 0, run.ToString());
        summary = JsonDocument.Parse(run.Out).RootElement;
        var theory = summary.GetProperty("sgd_theory");
        Assert.Equal("completed", theory.GetProperty("status").GetString());
        // The SGD run's prediction is the sgd-ode at the default tolerance and closure: the same run as above.
        Assert.Equal(odeMse, theory.GetProperty("final_mse").GetDouble(), 1e-12);
        Assert.Equal(0.01 * 0.25, theory.GetProperty("noise_floor_leading").GetDouble(), 15);
        Assert.True(summary.GetProperty("theory").TryGetProperty("rho", out _), "the flow's theory stays under its own key");
        Assert.InRange(summary.GetProperty("ensemble").GetProperty("fraction_toward_minus").GetDouble(), 0, 1);
    }

    [Fact]
    public void SgdSde_IsASeededEnsembleWithTheEscapeDistributionAndSignAlignedU()
    {
        string dir = _cli.PathTo("sgd-sde");
        var run = _cli.Run(["simulate", "--d", "60", "--a", "0", "--algorithm", "sgd-sde", "--sde-stride", "4", "--eta", "0.02", "--time", "400",
            "--records", "60", "--seeds", "6", "--threads", "2", "--out", dir, "--json"]);
        Assert.True(run.Exit == 0, run.ToString());
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("sgd-sde", summary.GetProperty("parameters").GetProperty("algorithm").GetString());
        Assert.Equal(4, summary.GetProperty("parameters").GetProperty("sde_stride").GetInt32());
        Assert.Equal("sgd-sde", summary.GetProperty("run").GetProperty("engine").GetString());
        var members = summary.GetProperty("members").EnumerateArray().ToArray();
        Assert.Equal(6, members.Select(m => m.GetProperty("stream_key").GetString()).Distinct().Count());
        var escape = summary.GetProperty("escape");
        Assert.Equal(6, escape.GetProperty("members").GetInt32());
        var t1 = members.Select(m => m.GetProperty("t1")).Where(t => t.ValueKind == JsonValueKind.Number).Select(t => t.GetDouble()).ToArray();
        Assert.Equal(t1.Length, escape.GetProperty("escaped").GetInt32());
        Assert.True(t1.Length >= 2, "members escape by t = 400 at d = 60");
        Assert.Equal(t1.Average(), escape.GetProperty("t1_mean").GetDouble(), 1e-9);
        Assert.Equal(t1, escape.GetProperty("t1_values").EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Number).Select(t => t.GetDouble()));
        Assert.InRange(escape.GetProperty("t1_median").GetDouble(), t1.Min(), t1.Max());

        // u_aligned: each member's u times the sign of its own final u, so at the end it is the mean |u|, never below |mean u|.
        var (header, rows) = CliFiles.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        int u = header.ToList().IndexOf("u"), aligned = header.ToList().IndexOf("u_aligned");
        double alignedFinal = CliFiles.Number(rows[^1][aligned]);
        double meanAbsFinal = members.Average(m => Math.Abs(m.GetProperty("final").GetProperty("u").GetDouble()));
        Assert.Equal(meanAbsFinal, alignedFinal, 1e-12);
        Assert.True(alignedFinal >= Math.Abs(CliFiles.Number(rows[^1][u])) - 1e-15);
        Assert.Equal(alignedFinal, summary.GetProperty("ensemble").GetProperty("u_aligned_final").GetDouble(), 1e-15);
        double minus = members.Count(m => m.GetProperty("final").GetProperty("u").GetDouble() < 0) / 6.0;
        Assert.Equal(minus, summary.GetProperty("ensemble").GetProperty("fraction_toward_minus").GetDouble(), 1e-15);
    }

    [Fact]
    public void Json_PrintsExactlyTheSummary()
    {
        string dir = _cli.PathTo("json");
        var run = _cli.Run(["simulate", .. Small, "--out", dir, "--json"]);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "summary.json")), run.Out);
        Assert.Equal("completed", JsonDocument.Parse(run.Out).RootElement.GetProperty("status").GetString());
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void Flow_ReachesPhaseThree_AndThePredictionTracksTheMse()
    {
        string dir = _cli.PathTo("flow");
        var run = _cli.Run(["simulate", "--d", "40", "--a", "2", "--algorithm", "flow", "--time", "1e4", "--records", "120", "--out", dir, "--json"]);
        Assert.True(run.Exit == 0, run.ToString());
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("flow-logtime", summary.GetProperty("run").GetProperty("engine").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("timing").GetProperty("ns_per_gaussian").ValueKind);
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("phases").GetProperty("t2").ValueKind);
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("fits").GetProperty("residual_decay").GetProperty("slope").ValueKind);
        var curve = summary.GetProperty("predictions").GetProperty("phase_three").GetProperty("curve").EnumerateArray().ToArray();
        Assert.True(curve.Length >= 5, "Phase III curve");
        // Where the MSE has fallen by 10× but not yet 10⁴×, the prediction is within 10% (docs/MODEL.md §4, the flow is accurate).
        double start = curve[0].GetProperty("mse_measured").GetDouble();
        var middle = curve.Where(p => p.GetProperty("mse_measured").GetDouble() is var m && m < start / 10 && m > start / 1e4).ToArray();
        Assert.NotEmpty(middle);
        Assert.All(middle, p => Assert.Equal(1, p.GetProperty("mse_predicted").GetDouble() / p.GetProperty("mse_measured").GetDouble(), 0.1));
        Assert.Equal((PlotRenderer.Width, PlotRenderer.Height), CliFiles.PngSize(Path.Combine(dir, "plot.png")));
    }

    [Fact]
    public void GradientDescent_RunsAndRecordsTimeAsEtaTimesSteps()
    {
        string dir = _cli.PathTo("gd");
        var run = _cli.Run(["simulate", "--d", "40", "--algorithm", "gd", "--eta", "0.01", "--steps", "500", "--records", "20", "--out", dir, "--json"]);
        Assert.True(run.Exit == 0, run.ToString());
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("gd", summary.GetProperty("run").GetProperty("engine").GetString());
        Assert.Equal(5.0, summary.GetProperty("final").GetProperty("t").GetDouble(), 12);
        Assert.Equal(500, summary.GetProperty("final").GetProperty("step").GetInt64());
    }

    [Fact]
    public void Divergence_ExitsWith3_NamesTheStep_AndKeepsThePartialTrajectory()
    {
        string dir = _cli.PathTo("diverged");
        var run = _cli.Run(["simulate", "--d", "20", "--eta", "20", "--steps", "2000", "--records", "50", "--quiet", "--out", dir]);
        Assert.Equal(3, run.Exit);
        var line = Assert.Single(run.ErrorLines);
        var summary = CliFiles.ReadJson(Path.Combine(dir, "summary.json"));
        Assert.Equal("diverged", summary.GetProperty("status").GetString());
        long step = summary.GetProperty("run").GetProperty("diverged_at_step").GetInt64();
        Assert.Contains($"diverged at step {step}", line);
        var (_, rows) = CliFiles.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.All(r.Skip(2), v => Assert.True(double.IsFinite(CliFiles.Number(v)), v)));
        Assert.True(long.Parse(rows[^1][1], System.Globalization.CultureInfo.InvariantCulture) < step);
        Assert.Equal(CliFiles.Number(rows[^1][0]), summary.GetProperty("final").GetProperty("t").GetDouble());
        CliFiles.PngSize(Path.Combine(dir, "plot.png"));
    }

    [Fact]
    public void Interruption_WritesConsistentFilesMarkedInterrupted_AndExits130()
    {
        string dir = _cli.PathTo("interrupted");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var run = _cli.Run(["simulate", .. Small, "--seeds", "2", "--out", dir], null, cancelled.Token);
        Assert.Equal(130, run.Exit);
        Assert.Contains("interrupted", Assert.Single(run.ErrorLines));
        var summary = CliFiles.ReadJson(Path.Combine(dir, "summary.json"));
        Assert.Equal("interrupted", summary.GetProperty("status").GetString());
        var (_, rows) = CliFiles.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        Assert.Equal(CliFiles.Number(rows[^1][0]), summary.GetProperty("final").GetProperty("t").GetDouble());
        Assert.All(summary.GetProperty("members").EnumerateArray(), m => Assert.Equal("interrupted", m.GetProperty("status").GetString()));
        CliFiles.PngSize(Path.Combine(dir, "plot.png"));
    }
}
