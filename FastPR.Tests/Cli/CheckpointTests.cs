using System.Text.Json;
using FastPR.Cli.Output;
using FastPR.Cli.Sweep;
using FastPR.Core;
using FastPR.Tests.Native;

namespace FastPR.Tests.Cli;

/// <summary>
/// The real fastpr binary killed or stopped mid-run and resumed from its checkpoint: the finished trajectory.csv and the final
/// values of summary.json are byte for byte those of a run that was never interrupted. Bad resumes are one-line errors (exit 2)
/// that change nothing.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly CliHarness _scratch = new();

    public void Dispose() => _scratch.Dispose();

    // Each runs a few seconds on one core, so SIGKILL lands mid-run; checkpoints come every 50 ms.
    public static TheoryData<string, string[]> KilledRuns() => new()
    {
        { "sgd-mkl", ["--d", "200", "--steps", "1.5e6", "--batch", "1", "--engine", "mkl", "--gaussians", "mkl", "--seeds", "2", "--threads", "1"] },
        { "sgd-projected", ["--d", "300", "--steps", "2e6", "--sigma", "0.1", "--engine", "projected", "--gaussians", "philox"] },
        { "flow", ["--algorithm", "flow", "--d", "20000", "--time", "1e7"] },
    };

    [SkippableTheory]
    [MemberData(nameof(KilledRuns))]
    public void KilledWithSigkill_ThenResumed_FinishesExactlyAsAnUninterruptedRun(string name, string[] run)
    {
        if (name == "sgd-mkl") MklRequirement.SkipUnlessAvailable();
        string whole = _scratch.PathTo(name + "-whole"), killed = _scratch.PathTo(name + "-killed");
        var reference = FastprProcess.Run(new Dictionary<string, string>(), ["simulate", .. run, "--records", "80", "--quiet", "--checkpoint-every", "0", "--out", whole]);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        Assert.False(File.Exists(Path.Combine(whole, "checkpoint.bin")));

        string checkpoint = Path.Combine(killed, "checkpoint.bin");
        using (var child = FastprProcess.Start(new Dictionary<string, string>(),
            ["simulate", .. run, "--records", "80", "--quiet", "--checkpoint-every", "0.05", "--out", killed]))
        {
            child.WaitUntil(() => File.Exists(checkpoint), "a checkpoint");
            Thread.Sleep(Random.Shared.Next(0, 400)); // a random step
            child.Signal(9);
            var result = child.WaitForExit();
            Assert.True(result.ExitCode == 128 + 9, $"exit {result.ExitCode} (the run must still be going when killed); stderr: {result.Stderr}");
        }
        Assert.Equal("running", CliFiles.ReadJson(Path.Combine(killed, "run.json")).GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine(killed, "summary.json")), "no results are published before the run ends");

        var resumed = FastprProcess.Run(new Dictionary<string, string>(), "simulate", "--resume", killed, "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "trajectory.csv")), File.ReadAllBytes(Path.Combine(killed, "trajectory.csv")));
        var expected = CliFiles.ReadJson(Path.Combine(whole, "summary.json"));
        var actual = CliFiles.ReadJson(Path.Combine(killed, "summary.json"));
        Assert.Equal("completed", actual.GetProperty("status").GetString());
        foreach (string key in new[] { "final", "phases", "fits", "predictions", "parameters" })
            Assert.Equal(expected.GetProperty(key).GetRawText(), actual.GetProperty(key).GetRawText());
        Assert.Equal(Finals(expected), Finals(actual));
        Assert.Equal(expected.GetProperty("run").GetProperty("steps_completed").GetInt64(), actual.GetProperty("run").GetProperty("steps_completed").GetInt64());
        Assert.False(File.Exists(checkpoint), "a finished run leaves no checkpoint");
    }

    [Fact]
    public void Sigterm_LeavesACheckpointAndInterruptedFiles_WhichResumeOnlyAsTheSameRun()
    {
        string dir = _scratch.PathTo("term");
        string checkpoint = Path.Combine(dir, "checkpoint.bin"), summary = Path.Combine(dir, "summary.json");
        string[] run = ["simulate", "--d", "200", "--time", "1e9", "--records", "60", "--engine", "projected", "--gaussians", "philox", "--out", dir];
        using (var child = FastprProcess.Start(new Dictionary<string, string>(), run))
        {
            child.WaitUntil(() => child.Stderr.Contains("fastpr: estimated wall time", StringComparison.Ordinal), "estimate on stderr");
            Assert.False(File.Exists(checkpoint), "the first periodic checkpoint is 300 s away");
            child.Signal(15);
            var result = child.WaitForExit();
            Assert.True(result.ExitCode == 143, $"exit {result.ExitCode}; stderr: {result.Stderr}");
            Assert.Contains($"continue with 'fastpr simulate --resume {dir}'", result.Stderr, StringComparison.Ordinal);
        }
        Assert.True(File.Exists(checkpoint));
        Assert.Equal("interrupted", CliFiles.ReadJson(summary).GetProperty("status").GetString());
        long stoppedAt = CliFiles.ReadJson(summary).GetProperty("run").GetProperty("steps_completed").GetInt64();
        byte[] saved = File.ReadAllBytes(checkpoint);
        string trajectory = File.ReadAllText(Path.Combine(dir, "trajectory.csv"));

        void AssertRefused(string[] args, string why)
        {
            var refused = FastprProcess.Run(new Dictionary<string, string>(), args);
            Assert.True(refused.ExitCode == 2, $"exit {refused.ExitCode}; stderr: {refused.Stderr}");
            string[] lines = refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("fastpr: --", lines[0], StringComparison.Ordinal);
            Assert.Contains(why, lines[0], StringComparison.Ordinal);
            Assert.Equal("interrupted", CliFiles.ReadJson(summary).GetProperty("status").GetString());
            Assert.Equal(trajectory, File.ReadAllText(Path.Combine(dir, "trajectory.csv")));
        }

        AssertRefused(["simulate", "--resume", dir, "--eta", "0.01"], "eta = 0.001, not 0.01");
        AssertRefused(["simulate", "--resume", dir, "--engine", "reference"], "engine = projected, not reference");
        AssertRefused(["simulate", "--resume", dir, "--out", _scratch.PathTo("elsewhere")], "its own folder");
        AssertRefused(["simulate", "--resume", _scratch.PathTo("nothing")], "no checkpoint.bin");
        var corrupted = saved.ToArray();
        corrupted[corrupted.Length / 3] ^= 0x01;
        File.WriteAllBytes(checkpoint, corrupted);
        AssertRefused(["simulate", "--resume", dir], "checksum");
        File.WriteAllBytes(checkpoint, saved);

        // The same options (or none) continue it; stopped again, it is further on.
        using (var child = FastprProcess.Start(new Dictionary<string, string>(), "simulate", "--resume", dir, "--d", "200", "--threads", "1"))
        {
            child.WaitUntil(() => CliFiles.ReadJson(Path.Combine(dir, "run.json")).GetProperty("message").GetString()!.StartsWith("resumed", StringComparison.Ordinal), "the resumed run's state");
            child.WaitUntil(() => child.Stderr.Contains("fastpr: estimated wall time", StringComparison.Ordinal), "estimate on stderr");
            child.Signal(15);
            Assert.Equal(143, child.WaitForExit().ExitCode);
        }
        Assert.Equal("interrupted", CliFiles.ReadJson(summary).GetProperty("status").GetString());
        Assert.True(CliFiles.ReadJson(summary).GetProperty("run").GetProperty("steps_completed").GetInt64() > stoppedAt);
        Assert.StartsWith(trajectory.TrimEnd(), File.ReadAllText(Path.Combine(dir, "trajectory.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void SweepPointStoppedBySigterm_ContinuesFromItsCheckpointOnRerun()
    {
        string whole = _scratch.PathTo("sweep-whole"), stopped = _scratch.PathTo("sweep-stopped");
        string[] sweep = ["sweep", "--grid", "seed=3", "--d", "300", "--steps", "2e6", "--engine", "projected", "--gaussians", "philox",
            "--records", "50", "--jobs", "1", "--quiet", "--no-plots"];
        var reference = FastprProcess.Run(new Dictionary<string, string>(), [.. sweep, "--out", whole]);
        Assert.True(reference.ExitCode == 0, reference.Stderr);

        string checkpoint = Path.Combine(stopped, ".partial-seed=3", "checkpoint.bin");
        FastprProcess.Result result;
        using (var child = FastprProcess.Start(new Dictionary<string, string>(), [.. sweep, "--checkpoint-every", "0.05", "--out", stopped]))
        {
            child.WaitUntil(() => File.Exists(checkpoint), "a checkpoint of the point");
            child.Signal(15);
            result = child.WaitForExit();
            Assert.True(result.ExitCode == 143, $"exit {result.ExitCode}; stderr: {result.Stderr}");
        }
        Assert.True(File.Exists(checkpoint), "the stopped point keeps its checkpoint");
        Assert.False(File.Exists(Path.Combine(stopped, "seed=3", "summary.json")));

        // A copy whose saved w is nudged ends elsewhere: the rerun does continue from the checkpoint.
        string nudged = _scratch.PathTo("sweep-nudged");
        Directory.CreateDirectory(Path.Combine(nudged, ".partial-seed=3"));
        File.Copy(Path.Combine(stopped, "sweep.json"), Path.Combine(nudged, "sweep.json"));
        var saved = SimulationCheckpoint.FromBytes(File.ReadAllBytes(checkpoint));
        // The log names the t it stopped at, where the checkpoint is (not the last record's, which is behind it).
        Assert.Contains($"point seed=3: interrupted at t = {SweepRunner.T(saved.Time)}, checkpoint saved", result.Stdout, StringComparison.Ordinal);
        var member = saved.Members[0];
        Assert.Equal(SavedMemberStatus.Running, member.Status);
        var w = member.W.ToArray();
        w[0] += 1e-3;
        File.WriteAllBytes(Path.Combine(nudged, ".partial-seed=3", "checkpoint.bin"), (saved with { Members = [member with { W = w }] }).ToBytes());
        Assert.Equal(0, FastprProcess.Run(new Dictionary<string, string>(), [.. sweep, "--out", nudged]).ExitCode);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(whole, "seed=3", "trajectory.csv")), File.ReadAllBytes(Path.Combine(nudged, "seed=3", "trajectory.csv")));

        // A checkpoint from another build is reported, fails the point, and stays as it was.
        string foreign = _scratch.PathTo("sweep-foreign");
        string foreignCheckpoint = Path.Combine(foreign, ".partial-seed=3", "checkpoint.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(foreignCheckpoint)!);
        File.Copy(Path.Combine(stopped, "sweep.json"), Path.Combine(foreign, "sweep.json"));
        byte[] otherBuild = (saved with { FastprVersion = "0.0.1-other" }).ToBytes();
        File.WriteAllBytes(foreignCheckpoint, otherBuild);
        var refused = FastprProcess.Run(new Dictionary<string, string>(), [.. sweep, "--out", foreign]);
        Assert.True(refused.ExitCode == 1, $"exit {refused.ExitCode}; stderr: {refused.Stderr}");
        Assert.Contains("point seed=3 failed: its checkpoint", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("written by FastPR 0.0.1-other", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(otherBuild, File.ReadAllBytes(foreignCheckpoint));
        Assert.False(File.Exists(Path.Combine(foreign, "seed=3", "summary.json")));
        var failed = SweepStatusOf(foreign).GetProperty("points")[0];
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains("0.0.1-other", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // While another runner's lease is live, a second runner leaves the point alone and says so.
        var interrupted = SweepStatusOf(stopped).GetProperty("points")[0];
        Assert.Equal("interrupted", interrupted.GetProperty("state").GetString());
        Assert.Equal(saved.Time, interrupted.GetProperty("t").GetDouble());
        Assert.True(saved.Time > 0);
        string lease = PointLease.PathFor(stopped, "seed=3");
        Directory.CreateDirectory(Path.GetDirectoryName(lease)!);
        void WriteLease(DateTime renewed) => File.WriteAllText(lease,
            JsonSerializer.Serialize(new PointLeaseRecord("other-runner", "node7", 4242, "99_1", renewed, renewed), SummaryJson.Context.PointLeaseRecord));
        WriteLease(DateTime.UtcNow);
        Assert.Equal("running", SweepStatusOf(stopped).GetProperty("points")[0].GetProperty("state").GetString());
        var skipped = FastprProcess.Run(new Dictionary<string, string>(), [.. sweep, "--out", stopped]);
        Assert.True(skipped.ExitCode == 0, skipped.Stderr);
        Assert.Contains("point seed=3: skipped: running elsewhere, job 99_1 (pid 4242 on node7)", skipped.Stdout, StringComparison.Ordinal);
        Assert.Contains("running elsewhere 1", skipped.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(stopped, "seed=3", "summary.json")));

        // Once that runner stops renewing its lease (it died), the next one continues from the checkpoint.
        WriteLease(DateTime.UtcNow - PointLease.Expiry - TimeSpan.FromSeconds(1));
        Assert.Equal("interrupted", SweepStatusOf(stopped).GetProperty("points")[0].GetProperty("state").GetString());
        var rerun = FastprProcess.Run(new Dictionary<string, string>(), [.. sweep, "--out", stopped]);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Contains($"point seed=3: resumed from t = {SweepRunner.T(saved.Time)}", rerun.Stdout, StringComparison.Ordinal);
        Assert.Contains("point seed=3: finished (completed) at t = ", rerun.Stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "seed=3", "trajectory.csv")), File.ReadAllBytes(Path.Combine(stopped, "seed=3", "trajectory.csv")));
        Assert.Empty(Directory.GetDirectories(stopped, ".partial-*"));
        Assert.False(File.Exists(lease), "the runner removes its lease when the point is done");
        Assert.Equal("done", SweepStatusOf(stopped).GetProperty("points")[0].GetProperty("state").GetString());
    }

    private static JsonElement SweepStatusOf(string dir)
    {
        var status = FastprProcess.Run(new Dictionary<string, string>(), "sweep", "status", dir, "--json");
        Assert.True(status.ExitCode == 0, status.Stderr);
        return JsonDocument.Parse(status.Stdout).RootElement;
    }

    private static string Finals(JsonElement summary) =>
        string.Join('\n', summary.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("final").GetRawText()));
}
