using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FastPR.Cli.Output;

namespace FastPR.Tests.Cli;

/// <summary>
/// The results table and summary.json cannot mislead: predictions and measurements in their own columns, the Phase III
/// law at the cutoff itself, fits with r² and window, detected times with their records, one Phase III start, reasons for gaps.
/// Each test runs the CLI and parses what it printed (COLUMNS wide enough that no cell wraps) and wrote.
/// </summary>
public sealed partial class ResultTableTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly Dictionary<string, string> Wide = new() { ["COLUMNS"] = "400" };

    /// <summary>Runs simulate into a fresh folder; returns the table's rows (by quantity), the summary and the CSV.</summary>
    private (Dictionary<string, string[]> Rows, JsonElement Summary, List<string[]> Csv, IReadOnlyList<string> Header) Simulate(string name, params string[] args)
    {
        string dir = _cli.PathTo(name);
        var run = _cli.Run(["simulate", .. args, "--quiet", "--out", dir], Wide, default);
        Assert.True(run.Exit == 0, run.ToString());
        var table = Assert.Single(Tables(run.Out));
        var (header, csv) = CliFiles.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        return (table.ToDictionary(r => r[0]), CliFiles.ReadJson(Path.Combine(dir, "summary.json")), csv, header);
    }

    private (Dictionary<string, string[]> Rows, JsonElement Summary, List<string[]> Csv, IReadOnlyList<string> Header) Flow() =>
        Simulate("flow", "--d", "1000", "--a", "2", "--algorithm", "flow", "--time", "1e7");

    /// <summary>Each results table in <paramref name="output"/>: its rows after the header, as trimmed cells.</summary>
    private static List<List<string[]>> Tables(string output)
    {
        var tables = new List<List<string[]>>();
        foreach (string line in output.Split('\n'))
        {
            if (!line.StartsWith('│')) continue;
            string[] cells = line.Split('│')[1..^1].Select(c => c.Trim()).ToArray();
            if (cells.SequenceEqual(ResultTable.Columns))
            {
                tables.Add([]);
                continue;
            }
            Assert.Equal(ResultTable.Columns.Length, cells.Length);
            tables[^1].Add(cells);
        }
        return tables;
    }

    private static string[] RowStartingWith(Dictionary<string, string[]> rows, string prefix) =>
        Assert.Single(rows.Values, r => r[0].StartsWith(prefix, StringComparison.Ordinal));

    private static string F(double value) => ResultTable.Format(value);

    [GeneratedRegex(@"between records (\S+) and (\S+) \(gap (\S+)\)")]
    private static partial Regex Between();

    [GeneratedRegex(@"r² (\S+), t ∈ \[(\S+), (\S+)\], (\d+) records")]
    private static partial Regex FitText();

    private static double N(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void PredictionsAndMeasurementsHaveTheirOwnColumns_AndTheTeacherAverageSaysWhyItDiffers()
    {
        var (rows, summary, _, _) = Flow();
        var decay = summary.GetProperty("fits").GetProperty("residual_decay");
        var predicted = decay.GetProperty("predicted");

        var average = RowStartingWith(rows, "slope of 1 − |u| (Phase IIb), teacher average");
        Assert.Equal(F(predicted.GetProperty("teacher_averaged_exponent").GetDouble()), average[1]);
        Assert.Equal(F(decay.GetProperty("slope").GetDouble()), average[2]);
        Assert.NotEqual(average[1], average[2]); // −0.5 against about −0.64: the note must say why
        Assert.Contains("its own tail sum", average[4]);

        // The teacher-specific tail sum is a prediction: it sits in "predicted", never in "measured".
        var tailSum = RowStartingWith(rows, "slope of 1 − |u| (Phase IIb), this teacher's tail sum");
        string tail = F(predicted.GetProperty("tail_sum_slope").GetDouble());
        Assert.Equal(tail, tailSum[1]);
        Assert.Equal(F(decay.GetProperty("slope").GetDouble()), tailSum[2]);
        Assert.All(rows.Values, r => Assert.DoesNotContain(tail, r[2]));
        Assert.All(rows.Values, r => Assert.DoesNotContain("tail sum", r[2]));
    }

    [Fact]
    public void PhaseThreeLaw_IsEvaluatedAtTheCutoffItself_AndSaysWhatItStartedFrom()
    {
        var (rows, summary, csv, header) = Flow();
        double cutoff = summary.GetProperty("theory").GetProperty("cutoff_time").GetDouble();
        var phaseThree = summary.GetProperty("predictions").GetProperty("phase_three");
        var atCutoff = phaseThree.GetProperty("at_cutoff");
        Assert.Equal(cutoff, atCutoff.GetProperty("t").GetDouble());

        // The row is named for the cutoff time itself, not for the record nearest to it.
        var row = RowStartingWith(rows, $"MSE at the cutoff t = {F(cutoff)}, Phase III law");
        Assert.Equal(F(atCutoff.GetProperty("mse_predicted").GetDouble()), row[1]);
        Assert.Equal(F(atCutoff.GetProperty("mse_measured").GetDouble()), row[2]);
        Assert.Contains($"from this run's own state at t = {F(phaseThree.GetProperty("start_time").GetDouble())}", row[4]);
        Assert.Contains("near-automatic", row[4]);

        // The cutoff lies between two records (not at one), and the measured MSE there lies between theirs.
        var records = atCutoff.GetProperty("records");
        Assert.True(records.GetProperty("interpolated").GetBoolean());
        double before = records.GetProperty("before").GetDouble(), after = records.GetProperty("after").GetDouble();
        Assert.InRange(cutoff, before, after);
        Assert.NotEqual(before, cutoff);
        Assert.NotEqual(after, cutoff);
        int t = header.ToList().IndexOf("t"), mse = header.ToList().IndexOf("mse");
        int k = csv.FindIndex(r => CliFiles.Number(r[t]) == after);
        Assert.Equal(before, CliFiles.Number(csv[k - 1][t]));
        double measured = atCutoff.GetProperty("mse_measured").GetDouble();
        Assert.InRange(measured, CliFiles.Number(csv[k][mse]), CliFiles.Number(csv[k - 1][mse])); // the MSE falls
        Assert.Contains($"between records {F(before)} and {F(after)}", row[3]);

        // The isotropic law does not use the run's state, so it is a real test; it stands beside it with the same measurement.
        var isotropic = RowStartingWith(rows, "MSE at the cutoff t = " + F(cutoff) + ", isotropic");
        Assert.Equal(F(atCutoff.GetProperty("mse_isotropic").GetDouble()), isotropic[1]);
        Assert.Equal(row[2], isotropic[2]);
    }

    [Fact]
    public void SummaryJson_HasOnePhaseThreeStart_TheRecordTheLawStartsFrom()
    {
        var (rows, summary, csv, header) = Flow();
        double start = summary.GetProperty("phases").GetProperty("phase_three_start").GetDouble();
        var phaseThree = summary.GetProperty("predictions").GetProperty("phase_three");
        Assert.Equal(start, phaseThree.GetProperty("start_time").GetDouble());
        Assert.Equal(start, phaseThree.GetProperty("curve")[0].GetProperty("t").GetDouble());
        var around = summary.GetProperty("phases").GetProperty("records_around").GetProperty("phase_three_start");
        Assert.False(around.GetProperty("interpolated").GetBoolean());
        Assert.Equal(start, around.GetProperty("after").GetDouble());

        // It is the first record inside Phase III (|s − s*|, s* − |u| ≤ 10⁻³ with s* = 1); the record before is outside.
        var h = header.ToList();
        double Distance(string[] r) => Math.Max(Math.Abs(CliFiles.Number(r[h.IndexOf("s")]) - 1), 1 - Math.Abs(CliFiles.Number(r[h.IndexOf("u")])));
        int k = csv.FindIndex(r => CliFiles.Number(r[h.IndexOf("t")]) == start);
        Assert.True(Distance(csv[k]) <= 1e-3 + 1e-12);
        Assert.True(Distance(csv[k - 1]) > 1e-3);
        Assert.Equal(F(start), RowStartingWith(rows, "Phase III start")[2]);

        // Every time named "start" anywhere in the summary that belongs to Phase III is this one.
        var starts = new List<double>();
        void Walk(JsonElement e, string name)
        {
            if (e.ValueKind == JsonValueKind.Object) foreach (var p in e.EnumerateObject()) Walk(p.Value, p.Name);
            else if (e.ValueKind == JsonValueKind.Number && name.Contains("start", StringComparison.Ordinal) && !name.EndsWith("_mse", StringComparison.Ordinal)) starts.Add(e.GetDouble());
        }
        Walk(summary.GetProperty("phases"), "");
        Walk(summary.GetProperty("predictions"), "");
        Assert.NotEmpty(starts);
        Assert.All(starts, s => Assert.Equal(start, s));
    }

    [Fact]
    public void EveryFitShowsItsR2AndWindow_AndAPoorFitIsFlagged()
    {
        foreach (var (name, args) in new (string, string[])[]
                 {
                     ("flow", ["--d", "1000", "--algorithm", "flow", "--time", "1e7"]),
                     ("sgd", ["--d", "1000", "--time", "100", "--engine", "reference", "--gaussians", "philox"]),
                 })
        {
            var (rows, summary, _, _) = Simulate(name, args);
            var fits = summary.GetProperty("fits");
            var shown = new Dictionary<string, string>
            {
                ["escape"] = RowStartingWith(rows, "ρ, Phase I rate")[3],
                ["residual_decay"] = RowStartingWith(rows, "slope of 1 − |u| (Phase IIb), teacher average")[3],
                ["final_decay"] = RowStartingWith(rows, "final decay rate of the MSE")[3],
            };
            foreach (var (key, how) in shown)
            {
                var fit = fits.GetProperty(key);
                var window = fit.GetProperty("window");
                Assert.Equal(2, window.GetArrayLength());
                var match = FitText().Match(how);
                Assert.True(match.Success, $"{name} {key}: '{how}' shows no r² and window");
                double r2 = fit.GetProperty("r2").GetDouble();
                Assert.Equal(r2.ToString("0.0000", CultureInfo.InvariantCulture), match.Groups[1].Value);
                Assert.Equal(F(window[0].GetDouble()), match.Groups[2].Value);
                Assert.Equal(F(window[1].GetDouble()), match.Groups[3].Value);
                Assert.Equal(fit.GetProperty("points").GetInt32().ToString(CultureInfo.InvariantCulture), match.Groups[4].Value);
            }
            // SGD's own prediction of the final rate is itself a fit (to the sgd-ode's curve): it shows its r² and window too.
            Assert.Equal(name == "sgd", summary.GetProperty("sgd_theory").ValueKind == JsonValueKind.Object);
            if (name == "sgd")
            {
                var sgd = summary.GetProperty("sgd_theory");
                var window = sgd.GetProperty("final_decay_window");
                string predicted = RowStartingWith(rows, "final decay rate of the MSE")[1];
                Assert.Contains($"r² {sgd.GetProperty("final_decay_r2").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture)}", predicted);
                Assert.Contains($"t ∈ [{F(window[0].GetDouble())}, {F(window[1].GetDouble())}]", predicted);
            }
            // Any fit in the table with r² below the threshold carries the warning, and no other does.
            foreach (var row in rows.Values.Where(r => FitText().IsMatch(r[3])))
            {
                bool poor = N(FitText().Match(row[3]).Groups[1].Value) < ResultTable.PoorFitR2;
                Assert.True(poor == row[4].Contains("poor fit", StringComparison.Ordinal), $"{name}: {string.Join(" | ", row)}");
            }
        }
    }

    [Fact]
    public void DetectedTimes_SayWhetherInterpolated_AndBetweenWhichRecords()
    {
        var (rows, summary, csv, header) = Flow();
        var phases = summary.GetProperty("phases");
        var times = csv.Select(r => CliFiles.Number(r[header.ToList().IndexOf("t")])).ToList();
        foreach (var (prefix, key) in new[] { ("T1 (", "t1"), ("T1′", "t1_prime"), ("T2 (", "t2") })
        {
            var row = RowStartingWith(rows, prefix);
            double t = phases.GetProperty(key).GetDouble();
            Assert.Equal(F(t), row[2]);
            var around = phases.GetProperty("records_around").GetProperty(key);
            Assert.True(around.GetProperty("interpolated").GetBoolean(), key);
            double before = around.GetProperty("before").GetDouble(), after = around.GetProperty("after").GetDouble();
            Assert.True(before < t && t < after, $"{key}: {before} < {t} < {after}");
            Assert.Equal(times.IndexOf(before) + 1, times.IndexOf(after)); // consecutive records
            var match = Between().Match(row[3]);
            Assert.True(match.Success, row[3]);
            Assert.StartsWith("interpolated", row[3]);
            Assert.Equal((F(before), F(after), F(after - before)), (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value));
        }
        Assert.StartsWith("at the record", RowStartingWith(rows, "Phase III start")[3]);
    }

    [Fact]
    public void AtA4_WithNoPhaseI_TheTableAndSummarySayWhy()
    {
        // At d = 1000, a = 4, problem seed 0, |u(0)| ≈ 0.055 is already above δ = 0.05.
        var (rows, summary, _, _) = Simulate("a4", "--d", "1000", "--a", "4", "--algorithm", "flow", "--time", "10");
        var rho = RowStartingWith(rows, "ρ, Phase I rate");
        Assert.Equal("–", rho[2]);
        Assert.StartsWith("no escape: |u(0)| = ", rho[4]);
        Assert.Contains("already ≥ δ = 0.05", rho[4]);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("fits").GetProperty("escape").ValueKind);
        Assert.Equal(rho[4], summary.GetProperty("missing").GetProperty("fits.escape").GetString());

        var t1 = RowStartingWith(rows, "T1 (");
        Assert.Equal(("0", "0"), (t1[1], t1[2]));
        Assert.StartsWith("at the first record", t1[3]);
        Assert.Contains("≥ δ", t1[4]);

        // Every "–" in the measured column has a reason in the note, and every null in summary.json's phases has one in "missing".
        Assert.All(rows.Values.Where(r => r[2] == "–"), r => Assert.NotEqual("", r[4]));
        var missing = summary.GetProperty("missing");
        foreach (var p in summary.GetProperty("phases").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Null))
            Assert.True(missing.TryGetProperty("phases." + p.Name, out _), p.Name);
    }

    [Fact]
    public void FinalOneMinusU_IsNeverARoundingLevelNegative_InTheTable_WhileTheFilesKeepTheRawValue()
    {
        var (rows, summary, csv, header) = Flow();
        double raw = summary.GetProperty("final").GetProperty("one_minus_u").GetDouble();
        Assert.Equal(CliFiles.Number(csv[^1][header.ToList().IndexOf("one_minus_u")]), raw); // the CSV keeps the raw number too
        var row = RowStartingWith(rows, "final 1 − |u|");
        Assert.Equal(F(ResultTable.ClampRounding(raw)), row[2]);
        if (raw < 0 && raw >= -ResultTable.RoundingLevel) Assert.Contains($"{F(raw)} in the files", row[4]);
        foreach (var r in rows.Values)
        {
            if (double.TryParse(r[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && r[0].Contains("1 − |u|", StringComparison.Ordinal) && !r[0].StartsWith("slope", StringComparison.Ordinal))
                Assert.False(v < 0 && v >= -ResultTable.RoundingLevel, string.Join(" | ", r));
        }
    }

    [Fact]
    public void DefaultExperiment_PrintsOneTableForTheFlowAndOneForSgd()
    {
        string dir = _cli.PathTo("results");
        var settings = new FastPR.Cli.Commands.DefaultExperimentCommand.Settings(Dimension: 100, Exponent: 2, FlowTime: 1e4, SgdTime: 3, Seeds: 2, Records: 40);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = FastPR.Cli.Commands.DefaultExperimentCommand.Run(FastPR.Cli.CliConsole.Captured(output, error, Wide), dir, quiet: true, settings);
        Assert.True(exit == 0, error.ToString());
        var tables = Tables(output.ToString());
        Assert.Equal(2, tables.Count);
        Assert.All(tables, t => Assert.Contains(t, r => r[0].StartsWith("ρ, Phase I rate", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ensembles_ShowTheirMembersEscapesAndTheFractionTowardMinusWStar()
    {
        var (rows, summary, _, _) = Simulate("sde", "--d", "60", "--a", "0", "--algorithm", "sgd-sde", "--sde-stride", "4", "--eta", "0.02",
            "--time", "400", "--records", "60", "--seeds", "6", "--threads", "2");
        var escape = summary.GetProperty("escape");
        var mean = RowStartingWith(rows, "T1 over members, mean ± sd");
        Assert.Equal($"{F(escape.GetProperty("t1_mean").GetDouble())} ± {F(escape.GetProperty("t1_std").GetDouble())}", mean[2]);
        Assert.Equal("", mean[1]); // the sgd-ode's T1 is the mean trajectory's: a note, not a prediction of this
        Assert.Contains("mean trajectory", mean[4]);
        var quantiles = RowStartingWith(rows, "T1 over members, 5% / median / 95%");
        Assert.Equal($"{F(escape.GetProperty("t1_q05").GetDouble())} / {F(escape.GetProperty("t1_median").GetDouble())} / {F(escape.GetProperty("t1_q95").GetDouble())}",
            quantiles[2]);
        Assert.Equal(F(summary.GetProperty("ensemble").GetProperty("fraction_toward_minus").GetDouble()), RowStartingWith(rows, "fraction of members toward −w*")[2]);
    }

    [Fact]
    public void Theory_NeverPrintsTheAsymptoteOutsideItsWindow()
    {
        var run = _cli.Run(["theory", "--d", "1000", "--a", "2", "--json"], Wide, default);
        Assert.True(run.Exit == 0, run.ToString());
        var rows = JsonDocument.Parse(run.Out).RootElement.GetProperty("isotropic_benchmark").EnumerateArray().ToArray();
        Assert.Contains(rows, r => r.GetProperty("asymptote").ValueKind == JsonValueKind.Number);
        Assert.Contains(rows, r => r.GetProperty("asymptote").ValueKind == JsonValueKind.Null); // τ up to 10⁷, where it was −16.49
        foreach (var r in rows)
        {
            double x = r.GetProperty("asymptote_scale").GetDouble();
            Assert.Equal(x <= 100, r.GetProperty("asymptote").ValueKind == JsonValueKind.Number); // x ≤ d/10
            if (r.GetProperty("asymptote").ValueKind == JsonValueKind.Number) Assert.InRange(r.GetProperty("asymptote").GetDouble(), 0, 1);
        }
        var text = _cli.Run(["theory", "--d", "1000", "--a", "2"], Wide, default);
        Assert.Contains("– (x > d/10: outside 1 ≪ x ≪ d)", text.Out);
    }
}
