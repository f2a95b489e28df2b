using System.Diagnostics;

namespace FastPR.Tests.Slurm;

/// <summary>
/// The private single-node cluster of eng/slurm-up.sh, started for a test and stopped afterwards (unless it was running before).
/// Skips where the machine cannot run it (not Linux, not root, Slurm not installed), unless FASTPR_REQUIRE_SLURM=1 (CI), which
/// turns every such skip into a failure and lets eng/slurm-up.sh install Slurm with apt.
/// </summary>
internal sealed class SlurmCluster : IDisposable
{
    public const string RequireVariable = "FASTPR_REQUIRE_SLURM";

    private readonly string _repository;
    private readonly bool _stopAfterwards;

    private SlurmCluster(string repository, string directory, bool stopAfterwards)
    {
        _repository = repository;
        _stopAfterwards = stopAfterwards;
        Environment = new Dictionary<string, string> { ["SLURM_CONF"] = Path.Combine(directory, "slurm.conf"), ["FASTPR_SLURM_DIR"] = directory };
    }

    /// <summary>What the Slurm commands need to reach this cluster.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static bool Required => System.Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Starts the cluster, or skips (fails under FASTPR_REQUIRE_SLURM=1) saying why it cannot.</summary>
    public static SlurmCluster Start()
    {
        Unless(OperatingSystem.IsLinux(), "Slurm tests run on Linux only");
        string? repository = Repository();
        Unless(repository is not null, "eng/slurm-up.sh not found above the test assembly");
        Unless(Required || OnPath("sbatch"), $"Slurm is not installed; run eng/slurm-up.sh as root (or set {RequireVariable}=1 to install it and require these tests)");
        Unless(System.Environment.IsPrivilegedProcess, "the private Slurm cluster needs root (slurmd runs jobs as their users)");
        string directory = System.Environment.GetEnvironmentVariable("FASTPR_SLURM_DIR") is { Length: > 0 } given ? given : "/tmp/fastpr-slurm";
        var up = Run("bash", [Path.Combine(repository!, "eng", "slurm-up.sh")], new Dictionary<string, string> { ["FASTPR_SLURM_DIR"] = directory },
            null, TimeSpan.FromMinutes(10));
        Unless(up.Exit == 0, $"eng/slurm-up.sh failed (exit {up.Exit}): {up.Err.Trim()} {up.Out.Trim()}");
        return new SlurmCluster(repository!, directory, !up.Out.Contains("already running", StringComparison.Ordinal));
    }

    /// <summary>Runs a command of this cluster (sbatch, squeue, scontrol, …).</summary>
    public (int Exit, string Out, string Err) Slurm(string command, params string[] args) =>
        Run(command, args, Environment, null, TimeSpan.FromSeconds(60));

    /// <summary>Runs a program with this cluster's environment added, in <paramref name="directory"/>.</summary>
    public static (int Exit, string Out, string Err) Run(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment,
        string? directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        if (directory is not null) start.WorkingDirectory = directory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        if (_stopAfterwards) Run("bash", [Path.Combine(_repository, "eng", "slurm-down.sh")], Environment, null, TimeSpan.FromMinutes(1));
    }

    private static void Unless(bool condition, string reason)
    {
        if (condition) return;
        if (Required) Assert.Fail($"{reason} ({RequireVariable}=1 requires the Slurm tests)");
        Skip.If(true, reason);
    }

    private static bool OnPath(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, name)));

    private static string? Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "eng", "slurm-up.sh"))) return folder.FullName;
        }
        return null;
    }
}
