using System.Text.Json;
using FastPR.Tests.Cli;
using FastPR.Tests.Native;

namespace FastPR.Tests.Slurm;

/// <summary>
/// A sweep on a real Slurm cluster (eng/slurm-up.sh), as a user runs it: the script of <c>fastpr sweep slurm-script</c>, submitted
/// unedited from another directory; one task preempted (<c>scancel --signal=TERM -b</c>) and resubmitted by its index, one task
/// requeued (<c>scontrol requeue</c>); <c>sweep status</c> before and after; <c>sweep merge</c>. Every point ends byte for byte as in
/// a local sweep. Filter: Category=Slurm.
/// </summary>
[Trait("Category", "Slurm")]
public sealed class SlurmSweepTests : IDisposable
{
    // Each point runs for some seconds, so that a task is still running when it is signalled.
    private static readonly string[] Sweep =
        ["--grid", "seed=0..3", "--d", "300", "--steps", "4e6", "--engine", "projected", "--gaussians", "philox", "--records", "50", "--no-plots"];

    private readonly CliHarness _scratch = new();
    private readonly List<string> _jobs = [];
    private SlurmCluster? _cluster;

    public void Dispose()
    {
        // A failed test leaves no task running into the deleted scratch folder.
        foreach (string job in _jobs) _cluster?.Slurm("scancel", job);
        _cluster?.Dispose();
        _scratch.Dispose();
    }

    [SkippableFact]
    public void PreemptedRequeuedAndResubmittedTasks_EndAsALocalSweep()
    {
        var cluster = _cluster = SlurmCluster.Start();
        var (host, dll) = FastprProcess.Command();
        var none = new Dictionary<string, string>();
        (int Exit, string Out, string Err) Fastpr(params string[] args) =>
            SlurmCluster.Run(host, [dll, .. args], cluster.Environment, null, TimeSpan.FromMinutes(5));
        string onCluster = _scratch.PathTo("cluster"), elsewhere = _scratch.PathTo("elsewhere");
        Directory.CreateDirectory(elsewhere);

        var generated = Fastpr(["sweep", "slurm-script", .. Sweep, "--checkpoint-every", "0.5", "--shards", "4", "--cpus-per-task", "1", "--time-limit", "20", "--out", onCluster]);
        Assert.True(generated.Exit == 0, generated.Err);
        Assert.Contains("(MaxArraySize 1001: scontrol show config)", generated.Out.Split('\n')[1], StringComparison.Ordinal); // eng/slurm-up.sh's
        string script = Path.Combine(elsewhere, "sweep.sh");
        File.WriteAllText(script, generated.Out);
        string job = Submit(cluster, script);

        // Task 0 preempted once its point has a checkpoint: SIGTERM to the batch shell (fastpr), which saves and stops.
        WaitForCheckpoint(onCluster, "seed=0");
        var before = Status(Fastpr, onCluster);
        Assert.Equal("running", State(before, "seed=0"));
        Assert.Equal(0, before.GetProperty("counts").GetProperty("done").GetInt32());
        // Slurm 22.05 may answer "Job can not be altered now" and still deliver the signal: the test checks what it did.
        var preempt = cluster.Slurm("scancel", "--signal=TERM", "-b", $"{job}_0");
        WaitUntil(() => cluster.Slurm("squeue", "-h", "-j", $"{job}_0", "-o", "%i").Out.Trim().Length == 0, $"task 0 to stop (scancel: {preempt.Err.Trim()})");

        // Task 1 requeued once its point has a checkpoint; Slurm holds a requeued job for two minutes, which the test cuts short.
        WaitForCheckpoint(onCluster, "seed=1");
        var requeue = cluster.Slurm("scontrol", "requeue", $"{job}_1");
        Assert.True(requeue.Exit == 0, requeue.Err);
        WaitUntil(() => cluster.Slurm("squeue", "-h", "-j", $"{job}_1", "-o", "%T").Out.Trim() == "PENDING", "the requeued task pending");
        Assert.Equal(0, cluster.Slurm("scontrol", "update", $"JobId={job}_1", "StartTime=now").Exit);
        WaitForJob(cluster, job);

        var middle = Status(Fastpr, onCluster);
        Assert.Equal(["interrupted", "done", "done", "done"], new[] { 0, 1, 2, 3 }.Select(i => State(middle, $"seed={i}")));
        Assert.Equal("0", middle.GetProperty("resubmit").GetString());
        double stoppedAt = middle.GetProperty("points")[0].GetProperty("t").GetDouble();
        Assert.True(stoppedAt > 0, "task 0 was stopped mid-run");
        string log0 = File.ReadAllText(Path.Combine(onCluster, "logs", "task-0.out"));
        Assert.Contains($"point seed=0: interrupted at t = ", log0, StringComparison.Ordinal);
        string log1 = File.ReadAllText(Path.Combine(onCluster, "logs", "task-1.out"));
        Assert.Contains(", restart 0", log1, StringComparison.Ordinal); // the requeued task's log keeps both attempts
        Assert.Contains(", restart 1", log1, StringComparison.Ordinal);
        Assert.Contains("point seed=1: resumed from t = ", log1, StringComparison.Ordinal);
        Assert.Contains("point seed=1: finished (completed)", log1, StringComparison.Ordinal);

        // Resubmit exactly the indices sweep status names, from another directory.
        string again = Submit(cluster, script, "--array=" + middle.GetProperty("resubmit").GetString());
        WaitForJob(cluster, again);
        var after = Status(Fastpr, onCluster);
        Assert.Equal(4, after.GetProperty("counts").GetProperty("done").GetInt32());
        Assert.Equal("", after.GetProperty("resubmit").GetString());
        log0 = File.ReadAllText(Path.Combine(onCluster, "logs", "task-0.out"));
        Assert.Contains($"point seed=0: resumed from t = {FastPR.Cli.Sweep.SweepRunner.T(stoppedAt)}", log0, StringComparison.Ordinal);
        var merged = Fastpr("sweep", "merge", onCluster);
        Assert.True(merged.Exit == 0 && merged.Err.Length == 0, merged.Out + merged.Err);
        Assert.Contains("merged 4 point(s)", merged.Out, StringComparison.Ordinal);

        // The same sweep run locally in one go.
        string local = _scratch.PathTo("local");
        var reference = SlurmCluster.Run(host, [dll, "sweep", .. Sweep, "--jobs", "2", "--quiet", "--out", local], none, null, TimeSpan.FromMinutes(10));
        Assert.True(reference.Exit == 0, reference.Err);
        Assert.Equal(0, Fastpr("sweep", "merge", local).Exit);
        for (int seed = 0; seed < 4; seed++)
        {
            string point = $"seed={seed}";
            Assert.Equal(File.ReadAllBytes(Path.Combine(local, point, "trajectory.csv")), File.ReadAllBytes(Path.Combine(onCluster, point, "trajectory.csv")));
            Assert.Equal(Final(local, point), Final(onCluster, point));
        }
        var (header, localRows) = CliFiles.ReadCsv(Path.Combine(local, "sweep.csv"));
        var (_, clusterRows) = CliFiles.ReadCsv(Path.Combine(onCluster, "sweep.csv"));
        string[] timing = ["wall_seconds", "steps_per_second", "ns_per_gaussian"];
        var compared = header.Select((name, i) => (name, i)).Where(c => !timing.Contains(c.name)).Select(c => c.i).ToArray();
        Assert.Equal(localRows.Select(r => compared.Select(i => r[i])), clusterRows.Select(r => compared.Select(i => r[i])));
    }

    private string Submit(SlurmCluster cluster, string script, params string[] options)
    {
        // From / : the script's paths do not depend on where it is submitted.
        var submitted = SlurmCluster.Run("sbatch", ["--parsable", .. options, script], cluster.Environment, "/", TimeSpan.FromSeconds(60));
        Assert.True(submitted.Exit == 0, submitted.Err);
        string job = submitted.Out.Trim().Split(';')[0];
        _jobs.Add(job);
        return job;
    }

    private static void WaitForCheckpoint(string sweep, string point) =>
        WaitUntil(() => File.Exists(Path.Combine(sweep, ".partial-" + point, "checkpoint.bin")), $"a checkpoint of {point}");

    private static void WaitForJob(SlurmCluster cluster, string job) =>
        WaitUntil(() => cluster.Slurm("squeue", "-h", "-j", job, "-o", "%i").Out.Trim().Length == 0, $"job {job} to finish", TimeSpan.FromMinutes(10));

    private static void WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within {timeout ?? TimeSpan.FromMinutes(5)}");
            Thread.Sleep(200);
        }
    }

    private static JsonElement Status(Func<string[], (int Exit, string Out, string Err)> fastpr, string sweep)
    {
        var status = fastpr(["sweep", "status", sweep, "--json"]);
        Assert.True(status.Exit == 0, status.Err);
        return JsonDocument.Parse(status.Out).RootElement;
    }

    private static string? State(JsonElement status, string point) =>
        status.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("name").GetString() == point).GetProperty("state").GetString();

    private static string Final(string sweep, string point) => CliFiles.ReadJson(Path.Combine(sweep, point, "summary.json")).GetProperty("final").GetRawText();
}
