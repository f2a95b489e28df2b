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
    public void Status_CountsEachState_AndNamesTheArrayIndicesToResubmit()
    {
        string dir = _cli.PathTo("status");
        Assert.Equal(0, Sweep(dir, "--shard", "1/3").Exit); // points 1 and 4 of 6 done
        // Point 0 failed; point 2 is running elsewhere (live lease); point 5 was interrupted (its runner's lease expired).
        new FastPR.Cli.Sweep.PointFailure("disk full", DateTime.UtcNow, "7_0").Write(dir, PointNames[0]);
        void Lease(string point, DateTime renewed) => File.WriteAllText(FastPR.Cli.Sweep.PointLease.PathFor(dir, point),
            System.Text.Json.JsonSerializer.Serialize(new FastPR.Cli.Sweep.PointLeaseRecord("x", "node3", 11, "7_2", renewed, renewed),
                FastPR.Cli.Output.SummaryJson.Context.PointLeaseRecord));
        Lease(PointNames[2], DateTime.UtcNow);
        Lease(PointNames[5], DateTime.UtcNow.AddMinutes(-5));

        var text = _cli.Run("sweep", "status", dir, "--shards", "3");
        Assert.True(text.Exit == 0, text.ToString());
        Assert.Contains("6 points; done 2, running 1, interrupted 1, failed 1, not started 1.", text.Out);
        Assert.Contains("array indices to resubmit: 0,2   (sbatch --array=0,2 SCRIPT)", text.Out); // point 3 is shard 0, point 5 shard 2
        Assert.Contains("disk full", Assert.Single(text.Out.Split('\n'), l => l.StartsWith(PointNames[0] + " ", StringComparison.Ordinal)));
        Assert.Contains("job 7_2 (pid 11 on node3)", Assert.Single(text.Out.Split('\n'), l => l.StartsWith(PointNames[2] + " ", StringComparison.Ordinal)));

        var json = System.Text.Json.JsonDocument.Parse(_cli.Run("sweep", "status", dir, "--shards", "3", "--json").Out).RootElement;
        Assert.Equal("0,2", json.GetProperty("resubmit").GetString());
        var counts = json.GetProperty("counts");
        Assert.Equal([2, 1, 1, 1, 1], new[] { "done", "running", "interrupted", "failed", "not_started" }.Select(k => counts.GetProperty(k).GetInt32()));
        Assert.Equal(["failed", "done", "running", "not_started", "done", "interrupted"],
            json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("state").GetString()));
        Assert.Equal(0.5, json.GetProperty("points")[1].GetProperty("t").GetDouble());

        // Without the script's task count the indices are unknown, and said to be.
        Assert.Contains("array indices to resubmit: unknown", _cli.Run("sweep", "status", dir).Out);
        var notASweep = _cli.Run("sweep", "status", _cli.Root);
        Assert.Equal(2, notASweep.Exit);
        Assert.Contains("is not a sweep folder", Assert.Single(notASweep.ErrorLines));
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
    public void SlurmScript_IsAnArrayJobRunningTheSameSweep_WithAbsolutePaths()
    {
        string dir = _cli.PathTo("runs", "pr");
        var run = _cli.Run("sweep", "slurm-script", "--grid", "a=1.5,2,4 d=500,2000 seed=0..7", "--time", "100", "--out", dir, "--cpus-per-task", "4",
            "--account", "proj42", "--qos", "long", "--mem", "4G", "--array-throttle", "3", "--sbatch", "--constraint=avx512", "--sbatch", "#SBATCH --exclusive",
            "--setup", "module load intel-mkl", "--setup", "export OMP_NUM_THREADS=1", "--max-array-size", "1001");
        Assert.True(run.Exit == 0, run.ToString());
        string[] lines = run.Out.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --array=0-11%3", lines); // 48 points on 4 CPUs per task, at most 3 tasks at once
        Assert.Contains("#SBATCH --cpus-per-task=4", lines);
        Assert.Contains("#SBATCH --time=0-04:00:00", lines);
        Assert.Contains("#SBATCH --signal=B:TERM@300", lines); // a tenth of 4 h, capped at 5 min; to the batch shell, which fastpr replaces
        Assert.Contains($"#SBATCH --chdir={dir}", lines);
        Assert.Contains($"#SBATCH --output={dir}/logs/task-%a.out", lines);
        Assert.Contains("#SBATCH --open-mode=append", lines); // a requeued task's log keeps its earlier attempts
        foreach (string directive in new[] { "--account=proj42", "--qos=long", "--mem=4G", "--constraint=avx512", "--exclusive" })
            Assert.Contains("#SBATCH " + directive, lines);
        int setup = Array.IndexOf(lines, "module load intel-mkl");
        Assert.True(setup > 0 && lines[setup + 1] == "export OMP_NUM_THREADS=1", run.Out);
        Assert.True(setup > Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal)), "set-up lines come after the #SBATCH block");
        string command = Assert.Single(lines, l => l.StartsWith("exec ", StringComparison.Ordinal));
        Assert.StartsWith("exec /", command); // this fastpr, by its absolute path
        Assert.Contains("--grid 'a=1.5,2,4 d=500,2000 seed=0..7'", command);
        Assert.Contains("--time 100", command);
        Assert.Contains($"--out {dir} ", command);
        Assert.Contains("--shard \"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch}/12\"", command);
        Assert.True(Directory.Exists(Path.Combine(dir, "logs")), "sbatch needs the log folder before the job starts");
        Assert.Equal(12, CliFiles.ReadJson(Path.Combine(dir, "slurm-array.json")).GetProperty("shards").GetInt32());
        Assert.True(File.Exists(Path.Combine(dir, "sweep.json")));
    }

    [Theory]
    [InlineData("00:01:00", "0-00:01:00", 10)] // a tenth would be 6 s: at least 10
    [InlineData("30", "0-00:30:00", 180)] // minutes
    [InlineData("90:00", "0-01:30:00", 300)] // minutes:seconds; a tenth is 9 min: at most 5
    [InlineData("1-12", "1-12:00:00", 300)]
    [InlineData("0-00:20:30", "0-00:20:30", 123)]
    public void SlurmScript_SignalMarginFitsTheTimeLimit(string limit, string written, int margin)
    {
        var run = _cli.Run("sweep", "slurm-script", "--grid", "seed=0..3", "--time-limit", limit, "--out", _cli.PathTo("t"), "--max-array-size", "1001");
        Assert.True(run.Exit == 0, run.ToString());
        string[] lines = run.Out.Split('\n');
        Assert.Contains($"#SBATCH --time={written}", lines);
        Assert.Contains($"#SBATCH --signal=B:TERM@{margin}", lines);
    }

    [Theory]
    [InlineData("--time-limit", "abc", "--time-limit: 'abc' is not a Slurm time limit")]
    [InlineData("--time-limit", "00:00:30", "shorter than a minute")]
    [InlineData("--time-limit", "1:99", "is not a Slurm time limit")]
    [InlineData("--mem", "4 GB", "--mem: '4 GB' is not a Slurm memory size")]
    [InlineData("--account", "my account", "--account: 'my account' must be one word")]
    [InlineData("--array-throttle", "0", "--array-throttle: array-throttle must be ≥ 1")]
    [InlineData("--sbatch", "exclusive", "--sbatch: 'exclusive' is not an sbatch option")]
    [InlineData("--shards", "2000", "2000 array tasks exceed the cluster's MaxArraySize 1001")]
    [InlineData("--executable", "/nonexistent/fastpr", "--executable: '/nonexistent/fastpr' is not a file")]
    public void SlurmScript_BadOptions_AreOneLineErrors_AndWriteNothing(string option, string value, string message)
    {
        string dir = _cli.PathTo("bad");
        var run = _cli.Run("sweep", "slurm-script", "--grid", "seed=0..2999", "--out", dir, "--max-array-size", "1001", option, value);
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, Assert.Single(run.ErrorLines));
        Assert.Equal("", run.Out);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task SlurmScript_WrittenWithRelativePaths_RunsInTheSweepFolder()
    {
        // The user names the folder and the input files relative to where they write the script; Slurm runs the job in the sweep
        // folder (--chdir), where none of those relative names resolve.
        string login = _cli.PathTo("login");
        Directory.CreateDirectory(login);
        File.WriteAllText(Path.Combine(login, "eta.txt"), "0, 0.01\n0.5, 0.002\n");
        File.WriteAllText(Path.Combine(login, "teacher.txt"), string.Join('\n', Enumerable.Range(1, 30)) + "\n");
        var written = FastPR.Tests.Native.FastprProcess.RunIn(login, new Dictionary<string, string>(), "sweep", "slurm-script", "--grid", "seed=0..1",
            "--d", "30", "--steps", "400", "--records", "10", "--no-plots", "--schedule", "file:eta.txt:linear", "--teacher", "teacher.txt",
            "--shards", "1", "--max-array-size", "1001", "--out", "runs/pr");
        Assert.True(written.ExitCode == 0, written.Stderr);
        string dir = Path.Combine(login, "runs", "pr");
        string[] lines = written.Stdout.Split('\n');
        Assert.Contains($"#SBATCH --chdir={dir}", lines);
        Assert.Contains($"#SBATCH --output={dir}/logs/task-%a.out", lines);
        string command = Assert.Single(lines, l => l.StartsWith("exec ", StringComparison.Ordinal));
        Assert.Contains($"--schedule file:{login}/eta.txt:linear", command);
        Assert.Contains($"--teacher {login}/teacher.txt", command);
        Assert.Contains($"--out {dir} ", command);

        string script = _cli.PathTo("job.sh");
        File.WriteAllText(script, written.Stdout);
        var (exit, stdout, stderr) = await RunArrayTask(script, dir, ("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_CPUS_PER_TASK", "2"));
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal(["seed=0", "seed=1"], Done(dir));
        Assert.Equal("pairs:linear:0=0.01,0.5=0.002",
            CliFiles.ReadJson(Path.Combine(dir, "seed=0", "summary.json")).GetProperty("parameters").GetProperty("schedule").GetString());
    }

    [Fact]
    public void SlurmScript_ABareExecutableName_IsLeftForTheNodesPath()
    {
        // Not installed here, e.g. provided by "module load" on the compute nodes.
        var run = _cli.Run("sweep", "slurm-script", "--grid", "seed=0..3", "--out", _cli.PathTo("bare"), "--max-array-size", "1001",
            "--executable", "fastpr-from-a-module", "--setup", "module load fastpr");
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Single(run.Out.Split('\n'), l => l.StartsWith("exec fastpr-from-a-module sweep ", StringComparison.Ordinal));
    }

    [Fact]
    public void SlurmScript_LargeGrid_StaysWithinMaxArraySize()
    {
        // 2,000 points on one CPU per task would be --array=0-1999; the default MaxArraySize (1001) allows indices 0…1000.
        string dir = _cli.PathTo("large");
        var run = _cli.Run("sweep", "slurm-script", "--grid", "seed=0..1999", "--cpus-per-task", "1", "--out", dir, "--max-array-size", "1001");
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("#SBATCH --array=0-1000", run.Out.Split('\n'));
        Assert.Contains("/1001\" --jobs", run.Out);
    }

    [Fact]
    public async Task SlurmScript_RunsExactlyTheShardsOfTheTasksSubmitted()
    {
        // What sbatch --array=3,5 does for two failed tasks of an 8-task array: MIN = 3 and COUNT = 2 must not matter.
        string dir = _cli.PathTo("slurm-subset");
        var (host, dll) = FastPR.Tests.Native.FastprProcess.Command();
        var run = _cli.Run(["sweep", "slurm-script", "--grid", "seed=0..15", "--d", "30", "--time", "0.5", "--records", "12", "--no-plots",
            "--shards", "8", "--out", dir, "--executable", dll]);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("#SBATCH --array=0-7", run.Out.Split('\n'));
        Assert.Contains($"exec {SlurmScriptCommand.Quote(host)} {SlurmScriptCommand.Quote(dll)} sweep", run.Out);
        string script = _cli.PathTo("job.sh");
        File.WriteAllText(script, run.Out);

        foreach (string task in new[] { "3", "5" })
        {
            var (exit, stdout, stderr) = await RunArrayTask(script, null, ("SLURM_ARRAY_TASK_ID", task), ("SLURM_ARRAY_TASK_MIN", "3"),
                ("SLURM_ARRAY_TASK_MAX", "5"), ("SLURM_ARRAY_TASK_COUNT", "2"), ("SLURM_CPUS_PER_TASK", "2"));
            Assert.True(exit == 0, $"task {task}: exit {exit}\n{stdout}\n{stderr}");
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

    // Runs a generated job script as Slurm would start one array task: bash with the task's variables, within 60 s.
    private static async Task<(int Exit, string Stdout, string Stderr)> RunArrayTask(string script, string? workingDirectory, params (string Name, string Value)[] variables)
    {
        var bash = new System.Diagnostics.ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) bash.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in variables) bash.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(bash)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the task did not finish within 60 s");
        return (process.ExitCode, stdout, await stderr);
    }
}
