using FastPR.Native;
using FastPR.Tests.Native;

namespace FastPR.Tests.Cli;

/// <summary>
/// The reproducibility contract (README "Reproducibility") across processes: the same inputs give identical trajectory.csv
/// bytes in separate processes, for every engine and thread count; and the alignment check of `fastpr verify` fails when the
/// mechanism that guarantees this (MKL's CNR mode) is switched off on MKL's generic kernels, so the check has teeth on any CPU.
/// </summary>
public sealed class ReproducibilityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fastpr-repro-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [MklTheory]
    [InlineData("auto", "")]
    [InlineData("mkl", "")]
    [InlineData("projected", "")]
    [InlineData("reference", "")]
    [InlineData("mkl", "generic")]
    public void SameSeed_InTwoProcesses_GivesIdenticalTrajectoryBytes(string engine, string kernels)
    {
        var environment = kernels == "generic" ? new Dictionary<string, string> { [MklLibrary.ForceGenericVariable] = "1" } : [];
        string[] args = ["--d", "1000", "--a", "2", "--steps", "20000", "--records", "5", "--engine", engine];
        byte[] first = Trajectory(environment, "first", args);
        byte[] second = Trajectory(environment, "second", args);
        Assert.True(first.AsSpan().SequenceEqual(second), $"engine {engine}, kernels {kernels}: trajectory.csv differs between two processes");
    }

    [MklTheory]
    [InlineData("mkl")]
    [InlineData("projected")]
    public void Ensemble_GivesIdenticalTrajectoryBytes_ForOneAndTwoThreads(string engine)
    {
        string[] args = ["--d", "1000", "--a", "2", "--steps", "5000", "--records", "5", "--seeds", "4", "--engine", engine];
        byte[] one = Trajectory([], "threads1", [.. args, "--threads", "1"]);
        byte[] two = Trajectory([], "threads2", [.. args, "--threads", "2"]);
        Assert.True(one.AsSpan().SequenceEqual(two), $"engine {engine}: trajectory.csv differs between --threads 1 and --threads 2");
    }

    [MklFact]
    public void AlignmentCheck_FailsWithoutCnr_OnGenericKernels_AndPassesWithIt()
    {
        var withCnr = FastprProcess.Run(new Dictionary<string, string> { [MklLibrary.ForceGenericVariable] = "1" }, "verify", "--quiet");
        Assert.True(withCnr.ExitCode == 0, $"exit {withCnr.ExitCode}: {withCnr.Stdout}{withCnr.Stderr}");

        var withoutCnr = FastprProcess.Run(
            new Dictionary<string, string> { [MklLibrary.ForceGenericVariable] = "1", [MklLibrary.CnrVariable] = "off" }, "verify", "--quiet");
        Assert.Equal(1, withoutCnr.ExitCode);
        string mklRow = withoutCnr.Stdout.Split('\n').Single(line => line.Contains("mkl-gemv, spans shifted", StringComparison.Ordinal));
        Assert.Contains("FAIL", mklRow, StringComparison.Ordinal);
        Assert.Contains("1 failed", withoutCnr.Stdout, StringComparison.Ordinal);
    }

    private byte[] Trajectory(Dictionary<string, string> environment, string name, string[] args)
    {
        string dir = Path.Combine(_root, name);
        var result = FastprProcess.Run(environment, ["simulate", .. args, "--out", dir, "--quiet"]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        return File.ReadAllBytes(Path.Combine(dir, "trajectory.csv"));
    }
}
