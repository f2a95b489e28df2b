using FastPR.Tests.Native;

namespace FastPR.Tests.Cli;

/// <summary>
/// The real fastpr binary in a long run: while it runs, run.json says "running" (and no summary.json is published) and stderr (not a terminal) has the estimated
/// wall time; SIGTERM, SIGHUP, SIGUSR1 or SIGUSR2 (what Slurm and a closing terminal send) makes it write consistent files marked "interrupted" and
/// exit with 128 + the signal's number.
/// </summary>
public sealed class LongRunTests : IDisposable
{
    private readonly CliHarness _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(15, 143)] // SIGTERM
    [InlineData(1, 129)] // SIGHUP
    [InlineData(10, 138)] // SIGUSR1, a common sbatch --signal choice
    [InlineData(12, 140)] // SIGUSR2
    public void Simulate_StopsCleanlyOnASignal(int signal, int exitCode)
    {
        string dir = _scratch.PathTo("run");
        string summary = Path.Combine(dir, "summary.json");
        // A horizon no machine reaches in a test: the run is always in progress when the signal comes.
        using var child = FastprProcess.Start(new Dictionary<string, string>(),
            "simulate", "--d", "200", "--time", "1e9", "--records", "60", "--engine", "projected", "--gaussians", "philox", "--out", dir);

        string state = Path.Combine(dir, "run.json");
        child.WaitUntil(() => File.Exists(state), "run.json");
        Assert.Equal("running", CliFiles.ReadJson(state).GetProperty("status").GetString());
        Assert.Equal(200, CliFiles.ReadJson(state).GetProperty("parameters").GetProperty("d").GetInt32());
        Assert.False(File.Exists(summary));
        Assert.False(File.Exists(Path.Combine(dir, "trajectory.csv")));
        child.WaitUntil(() => child.Stderr.Contains("fastpr: estimated wall time", StringComparison.Ordinal), "estimate on stderr");

        child.Signal(signal);
        var result = child.WaitForExit();
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}; stderr: {result.Stderr}");
        Assert.Contains("interrupted", result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        var final = CliFiles.ReadJson(summary);
        Assert.Equal("interrupted", final.GetProperty("status").GetString());
        var (_, rows) = CliFiles.ReadCsv(Path.Combine(dir, "trajectory.csv"));
        Assert.True(rows.Count >= 2, "checkpoints before the signal");
        Assert.Equal(CliFiles.Number(rows[^1][0]), final.GetProperty("final").GetProperty("t").GetDouble());
        Assert.True(final.GetProperty("final").GetProperty("t").GetDouble() < 1e9);
        CliFiles.PngSize(Path.Combine(dir, "plot.png"));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Equal("interrupted", CliFiles.ReadJson(state).GetProperty("status").GetString());
    }

    [Fact]
    public void UserSignals_AreHandledByThisOsNumbers()
    {
        // The shell's numbers for SIGUSR1 and SIGUSR2 (10 and 12 on Linux, 30 and 31 on macOS) are the ones fastpr registers.
        var shell = new System.Diagnostics.ProcessStartInfo("bash", ["-c", "kill -l USR1; kill -l USR2"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(shell)!;
        string[] numbers = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)) && process.ExitCode == 0, "bash could not name the signals");
        Assert.Equal([numbers[0].Trim(), numbers[1].Trim()], new[] { FastPR.Cli.ShutdownSignals.UserSignalNumbers.Usr1.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FastPR.Cli.ShutdownSignals.UserSignalNumbers.Usr2.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    [Fact]
    public void ARunThatCannotStart_LeavesNoRunningSummaryBehind()
    {
        string dir = _scratch.PathTo("no-mkl");
        var result = FastprProcess.Run(new Dictionary<string, string> { ["FASTPR_MKL_PATH"] = "/nonexistent/libmkl_rt.so" },
            "simulate", "--gaussians", "mkl", "--d", "30", "--time", "1", "--out", dir);
        Assert.True(result.ExitCode == 4, $"exit {result.ExitCode}; stderr: {result.Stderr}");
        Assert.False(Directory.Exists(dir), "the folder created for the run is removed again");
    }
}
