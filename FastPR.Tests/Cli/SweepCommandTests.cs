using FastPR.Cli.Commands;

namespace FastPR.Tests.Cli;

/// <summary><c>fastpr sweep</c>: resumability, shards, Slurm fallback, merge and the sbatch script.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private const string Grid = "a=1.5,2 seed=0..2";
    private static readonly string[] PointNames =
        ["a=1.5_seed=0", "a=1.5_seed=1", "a=1.5_seed=2", "a=2_seed=0", "a=2_seed=1", "a=2_seed=2"];
    private static readonly string[] Base = ["--d", "30", "--time", "0.5", "--records", "12", "--no-plots", "--quiet", "--jobs", "2"];

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private CliRun Sweep(string dir, params string[] extra) => _cli.Run(["sweep", "--grid", Grid, .. Base, "--out", dir, .. extra]);

    private static string[] Done(string dir) =>
        Directory.GetDirectories(dir).Select(Path.GetFileName).Where(n => File.Exists(Path.Combine(dir, n!, "summary.json"))).Order().ToArray()!;

    [Fact]
    public void StoppedAfterKPoints_ThenRerun_LosesAndRepeatsNothing()
    {
        string dir = _cli.PathTo("resume");
        var first = Sweep(dir, "--max-points", "2");
        Assert.True(first.Exit == 0, first.ToString());
        var afterFirst = Done(dir);
        Assert.Equal(2, afterFirst.Length);
        Assert.Contains("completed now 2", first.Out);
        var stamps = afterFirst.ToDictionary(n => n, n => (File.GetLastWriteTimeUtc(Path.Combine(dir, n, "summary.json")), File.ReadAllText(Path.Combine(dir, n, "summary.json"))));

        // A crash could leave a half-written point behind: a partial folder, or a folder without summary.json.
        string pending = PointNames.Except(afterFirst).First();
        Directory.CreateDirectory(Path.Combine(dir, ".partial-" + pending));
        Directory.CreateDirectory(Path.Combine(dir, pending));
        File.WriteAllText(Path.Combine(dir, pending, "trajectory.csv"), "t,step\n0,");

        var second = Sweep(dir);
        Assert.True(second.Exit == 0, second.ToString());
        Assert.Contains("already done 2, completed now 4", second.Out);
        Assert.Equal(PointNames.Order(), Done(dir));
        foreach (var (name, (stamp, text)) in stamps)
        {
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(dir, name, "summary.json")));
            Assert.Equal(text, File.ReadAllText(Path.Combine(dir, name, "summary.json")));
        }
        Assert.Empty(Directory.GetDirectories(dir, ".partial-*"));
        var (header, rows) = CliFiles.ReadCsv(Path.Combine(dir, pending, "trajectory.csv"));
        Assert.Equal("t", header[0]);
        Assert.True(rows.Count >= 10);

        var third = Sweep(dir);
        Assert.Contains("already done 6, completed now 0", third.Out);

        // Each point's parameters come from the grid, and the run seed actually differs between seeds.
        var a2seed1 = CliFiles.ReadJson(Path.Combine(dir, "a=2_seed=1", "summary.json")).GetProperty("parameters");
        Assert.Equal(2.0, a2seed1.GetProperty("a").GetDouble());
        Assert.Equal(1UL, a2seed1.GetProperty("seed").GetUInt64());
        Assert.Equal(30, a2seed1.GetProperty("d").GetInt32());
        Assert.Equal(1, a2seed1.GetProperty("threads").GetInt32());
    }

    [Fact]
    public void Shards_PartitionTheGrid_AndSlurmVariablesSelectTheSameShard()
    {
        const int n = 4;
        var seen = new List<string>();
        for (int i = 0; i < n; i++)
        {
            string dir = _cli.PathTo($"shard{i}");
            var run = Sweep(dir, "--shard", $"{i}/{n}");
            Assert.True(run.Exit == 0, run.ToString());
            var done = Done(dir);
            var expected = PointNames.Where((_, k) => k % n == i).Order().ToArray();
            Assert.Equal(expected, done);
            seen.AddRange(done);
        }
        Assert.Equal(PointNames.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());

        string slurmDir = _cli.PathTo("slurm");
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_MIN"] = "4", ["SLURM_ARRAY_TASK_COUNT"] = "4" };
        var slurm = _cli.Run(["sweep", "--grid", Grid, .. Base, "--out", slurmDir], env, default);
        Assert.True(slurm.Exit == 0, slurm.ToString());
        Assert.Contains("shard 1/4", slurm.Out);
        Assert.Equal(PointNames.Where((_, k) => k % 4 == 1).Order(), Done(slurmDir));
    }

    [Fact]
    public void ShardsIntoOneFolder_ThenMerge_CountsEveryPoint()
    {
        string dir = _cli.PathTo("merged");
        Assert.Equal(0, Sweep(dir, "--shard", "0/2").Exit);
        var partial = _cli.Run("sweep", "merge", dir);
        Assert.True(partial.Exit == 0, partial.ToString());
        Assert.Contains("merged 3 point(s)", partial.Out);
        Assert.Contains("3 point(s)", partial.Err);

        Assert.Equal(0, Sweep(dir, "--shard", "1/2").Exit);
        var merge = _cli.Run("sweep", "merge", dir);
        Assert.True(merge.Exit == 0, merge.ToString());
        Assert.Contains("merged 6 point(s)", merge.Out);
        var (header, rows) = CliFiles.ReadCsv(Path.Combine(dir, "sweep.csv"));
        Assert.Equal(PointNames, rows.Select(r => r[0]));
        int status = header.ToList().IndexOf("status"), a = header.ToList().IndexOf("a"), seed = header.ToList().IndexOf("seed"), mse = header.ToList().IndexOf("final_mse");
        Assert.All(rows, r => Assert.Equal("completed", r[status]));
        Assert.Equal(["1.5", "1.5", "1.5", "2", "2", "2"], rows.Select(r => r[a]));
        Assert.Equal(["0", "1", "2", "0", "1", "2"], rows.Select(r => r[seed]));
        Assert.All(rows, r => Assert.True(CliFiles.Number(r[mse]) > 0));
        foreach (string column in new[] { "t1", "t1_prime", "t2", "rho", "t1_predicted", "final_one_minus_u" }) Assert.Contains(column, header);
    }

    [Fact]
    public void InterruptedSweep_LeavesNoHalfPoint_AndTheRerunFinishes()
    {
        string dir = _cli.PathTo("interrupted");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel(); // what the first SIGTERM, SIGHUP or Ctrl-C does
        var stopped = _cli.Run(["sweep", "--grid", Grid, .. Base, "--out", dir], null, cancelled.Token);
        Assert.Equal(130, stopped.Exit);
        Assert.Contains("Rerun the same command", Assert.Single(stopped.ErrorLines));
        Assert.Empty(Done(dir));
        Assert.Empty(Directory.GetDirectories(dir, ".partial-*"));

        var rerun = Sweep(dir);
        Assert.True(rerun.Exit == 0, rerun.ToString());
        Assert.Equal(PointNames.Order(), Done(dir));
    }

    [Fact]
    public void MergeOfAFolderThatIsNotASweep_IsBadInput_AndWritesNothing()
    {
        string empty = _cli.PathTo("empty");
        Directory.CreateDirectory(empty);
        string run = _cli.PathTo("single-run");
        Assert.Equal(0, _cli.Run("simulate", "--d", "30", "--time", "0.5", "--records", "12", "--quiet", "--out", run).Exit);
        var before = Directory.GetFileSystemEntries(run).Order().ToArray();

        foreach (string dir in new[] { empty, run })
        {
            var merge = _cli.Run("sweep", "merge", dir);
            Assert.Equal(2, merge.Exit);
            Assert.StartsWith($"fastpr: '{dir}' is not a sweep folder", Assert.Single(merge.ErrorLines));
            Assert.Equal("", merge.Out);
        }
        Assert.Empty(Directory.GetFileSystemEntries(empty));
        Assert.Equal(before, Directory.GetFileSystemEntries(run).Order().ToArray());

        string output = _cli.PathTo("elsewhere.csv");
        Assert.Equal(2, _cli.Run("sweep", "merge", empty, "--output", output).Exit);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ADifferentSweepInTheSameFolder_IsRefused()
    {
        string dir = _cli.PathTo("one");
        Assert.Equal(0, Sweep(dir, "--max-points", "1").Exit);
        var other = _cli.Run(["sweep", "--grid", "a=3", .. Base, "--out", dir]);
        Assert.Equal(2, other.Exit);
        Assert.StartsWith("fastpr: --out:", Assert.Single(other.ErrorLines));
        Assert.Single(Done(dir));
    }

    [Fact]
    public void SlurmScript_IsAnArrayJobRunningTheSameSweep()
    {
        var run = _cli.Run("sweep", "slurm-script", "--grid", "a=1.5,2,4 d=500,2000 seed=0..7", "--time", "100", "--out", "runs/pr", "--cpus-per-task", "4");
        Assert.True(run.Exit == 0, run.ToString());
        string[] lines = run.Out.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --array=0-11", lines); // 48 points on 4 CPUs per task
        Assert.Contains("#SBATCH --cpus-per-task=4", lines);
        Assert.Contains("#SBATCH --signal=B:TERM@120", lines); // SIGTERM before the time limit, to the batch shell, which fastpr replaces
        string command = Assert.Single(lines, l => l.StartsWith("exec fastpr sweep", StringComparison.Ordinal));
        Assert.Contains("--grid 'a=1.5,2,4 d=500,2000 seed=0..7'", command);
        Assert.Contains("--time 100", command);
        Assert.Contains("--out runs/pr", command);
        Assert.Contains("--shard \"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch}/12\"", command);
    }

    [Fact]
    public async Task SlurmScript_RunsExactlyTheShardsOfTheTasksSubmitted()
    {
        // What sbatch --array=3,5 does for two failed tasks of an 8-task array: MIN = 3 and COUNT = 2 must not matter.
        string dir = _cli.PathTo("slurm-subset");
        var (host, dll) = FastPR.Tests.Native.FastprProcess.Command();
        var run = _cli.Run(["sweep", "slurm-script", "--grid", "seed=0..15", "--d", "30", "--time", "0.5", "--records", "12", "--no-plots",
            "--shards", "8", "--out", dir, "--executable", $"{SlurmScriptCommand.Quote(host)} {SlurmScriptCommand.Quote(dll)}"]);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("#SBATCH --array=0-7", run.Out.Split('\n'));
        string script = _cli.PathTo("job.sh");
        File.WriteAllText(script, run.Out);

        foreach (string task in new[] { "3", "5" })
        {
            var bash = new System.Diagnostics.ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
            bash.Environment["SLURM_ARRAY_TASK_ID"] = task;
            bash.Environment["SLURM_ARRAY_TASK_MIN"] = "3";
            bash.Environment["SLURM_ARRAY_TASK_MAX"] = "5";
            bash.Environment["SLURM_ARRAY_TASK_COUNT"] = "2";
            bash.Environment["SLURM_CPUS_PER_TASK"] = "2";
            using var process = System.Diagnostics.Process.Start(bash)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = await process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the task did not finish within 60 s");
            Assert.True(process.ExitCode == 0, $"task {task}: exit {process.ExitCode}\n{stdout}\n{await stderr}");
            Assert.Contains($"shard {task}/8 has 2", stdout);
        }
        string[] expected = ["seed=11", "seed=13", "seed=3", "seed=5"]; // k mod 8 = 3 or 5, in ordinal order
        Assert.Equal(expected, Done(dir));

        // Outside a job array the script refuses to guess a shard.
        var bare = new System.Diagnostics.ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        bare.Environment.Remove("SLURM_ARRAY_TASK_ID");
        using var outside = System.Diagnostics.Process.Start(bare)!;
        string complaint = outside.StandardError.ReadToEnd();
        Assert.True(outside.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.NotEqual(0, outside.ExitCode);
        Assert.Contains("submit this script with sbatch", complaint);
        Assert.Equal(expected, Done(dir));
    }
}
