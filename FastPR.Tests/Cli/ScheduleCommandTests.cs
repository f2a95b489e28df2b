using System.Text.Json;

namespace FastPR.Tests.Cli;

/// <summary>
/// <c>--schedule</c> end to end (docs/MODEL.md §3.9): a file of pairs is read by the command line and kept inline in summary.json,
/// which records the steps taken and the final η; a sweep grid varies the schedule in its grid spelling and merges it as a column.
/// </summary>
public sealed class ScheduleCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void ScheduleFile_IsStoredInline_AndTheSummaryRecordsStepsAndFinalEta()
    {
        string file = _cli.PathTo("eta.txt");
        File.WriteAllText(file, "# t, eta\n0, 0.01\n0.5\t0.002\n");
        string dir = _cli.PathTo("run");
        var run = _cli.Run("simulate", "--d", "30", "--steps", "400", "--records", "10", "--schedule", "file:" + file + ":linear", "--no-predictions",
            "--out", dir, "--quiet");
        Assert.True(run.Exit == 0, run.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("pairs:linear:0=0.01,0.5=0.002", root.GetProperty("parameters").GetProperty("schedule").GetString());
        Assert.Equal(400, root.GetProperty("run").GetProperty("steps_taken").GetInt64());
        Assert.Equal(0.002, root.GetProperty("run").GetProperty("final_eta").GetDouble());
        // η falls from 0.01 to 0.002 by t = 0.5, then stays: t_400 lies between 400·0.002 and 400·0.01.
        double end = root.GetProperty("final").GetProperty("t").GetDouble();
        Assert.InRange(end, 0.5 + 0.002 * 200, 0.5 + 0.002 * 400);
    }

    [Fact]
    public void SweepGrid_VariesTheSchedule_AndMergeHasItsColumn()
    {
        string dir = _cli.PathTo("sweep");
        var sweep = _cli.Run("sweep", "--grid", "schedule=constant,cosine,wsd_stable_0.5", "--d", "30", "--steps", "300", "--records", "8",
            "--no-plots", "--quiet", "--jobs", "2", "--out", dir);
        Assert.True(sweep.Exit == 0, sweep.ToString());
        var merge = _cli.Run("sweep", "merge", dir);
        Assert.True(merge.Exit == 0, merge.ToString());
        var (header, rows) = CliFiles.ReadCsv(Path.Combine(dir, "sweep.csv"));
        int column = header.ToList().IndexOf("schedule");
        Assert.Equal(["constant", "cosine:warmup=0,final=0", "wsd:warmup=0,stable=0.5,decay=0.5,shape=linear,final=0"], rows.Select(r => r[column]).Order());

        // The same schedule spelled twice is one point, refused like a=2,2.0.
        var duplicate = _cli.Run("sweep", "--grid", "schedule=cosine,cosine_warmup_0_final_0", "--d", "30", "--steps", "10", "--out", _cli.PathTo("dup"));
        Assert.Equal(2, duplicate.Exit);
        Assert.Contains("same value", duplicate.Err, StringComparison.Ordinal);
    }
}
