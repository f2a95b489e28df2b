using System.Text.Json;
using FastPR.Cli.Output;
using FastPR.Cli.Sweep;

namespace FastPR.Tests.Cli;

/// <summary>One runner per sweep point: the lease is exclusive while renewed, taken over once expired, and lost to a takeover.</summary>
public sealed class PointLeaseTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void ALiveLease_IsExclusive_AndReleasedOnDispose()
    {
        string dir = _cli.PathTo("sweep");
        var first = PointLease.TryAcquire(dir, "p", "12_3", () => { }, out var none);
        Assert.NotNull(first);
        Assert.Null(none);
        Assert.Null(PointLease.TryAcquire(dir, "p", null, () => { }, out var holder));
        Assert.Equal("job 12_3 (pid " + Environment.ProcessId + " on " + Environment.MachineName + ")", holder!.Holder);
        first.Dispose();
        Assert.False(File.Exists(PointLease.PathFor(dir, "p")));
        using var second = PointLease.TryAcquire(dir, "p", null, () => { }, out _);
        Assert.NotNull(second);
    }

    [Fact]
    public void ALeaseLockedByItsCreator_IsLive_ForAnotherRunner()
    {
        // A runner creating the file may hold it locked for a moment (FileShare.None is a flock on Unix, a sharing mode on
        // Windows): another runner reading it then sees a live lease instead of failing its sweep.
        string dir = _cli.PathTo("sweep");
        string path = PointLease.PathFor(dir, "p");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var creating = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        Assert.True(PointLease.Read(path)!.IsLive(DateTime.UtcNow));
        Assert.Null(PointLease.TryAcquire(dir, "p", null, () => { }, out var holder));
        Assert.Equal("a runner writing its lease", holder!.Holder);
    }

    [Fact]
    public void AnExpiredLease_IsTakenOver_AndItsHolderLosesThePoint()
    {
        string dir = _cli.PathTo("sweep");
        string path = PointLease.PathFor(dir, "p");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var old = DateTime.UtcNow - PointLease.Expiry - TimeSpan.FromSeconds(1);
        File.WriteAllText(path, JsonSerializer.Serialize(new PointLeaseRecord("dead", "n1", 1, null, old, old), SummaryJson.Context.PointLeaseRecord));
        using var lost = new ManualResetEventSlim();
        using var mine = PointLease.TryAcquire(dir, "p", null, lost.Set, out _);
        Assert.NotNull(mine);
        Assert.NotEqual("dead", PointLease.Read(path)!.Token);

        // Another runner that wrongly believed this lease dead took it over: at its next renewal this one stops its point.
        var now = DateTime.UtcNow;
        File.WriteAllText(path, JsonSerializer.Serialize(new PointLeaseRecord("thief", "n2", 2, null, now, now), SummaryJson.Context.PointLeaseRecord));
        Assert.True(lost.Wait(PointLease.RenewEvery * 3), "the lease's loss was not noticed");
        Assert.Equal("thief", PointLease.Read(path)!.Token); // and the other runner's lease is left alone
    }

    [Fact]
    public async Task TwoSweepsOnOneFolderAtOnce_RunEachPointOnce()
    {
        string dir = _cli.PathTo("shared");
        string[] sweep = ["sweep", "--grid", "seed=0..3", "--d", "300", "--steps", "1e6", "--engine", "projected", "--gaussians", "philox",
            "--records", "20", "--no-plots", "--quiet", "--jobs", "2", "--out", dir];
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => _cli.Run(sweep))));
        int completed = 0;
        foreach (var run in runs)
        {
            Assert.True(run.Exit == 0, run.ToString());
            completed += run.Out.Split('\n').Count(l => l.Contains(": finished (completed)", StringComparison.Ordinal));
        }
        Assert.Equal(4, completed);
        Assert.Equal(4, Directory.GetDirectories(dir).Count(d => File.Exists(Path.Combine(d, "summary.json"))));
    }
}
