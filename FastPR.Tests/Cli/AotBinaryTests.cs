using System.Text.Json;
using FastPR.Tests.Native;

namespace FastPR.Tests.Cli;

/// <summary>
/// The NativeAOT fastpr and the JIT fastpr.dll run the same program: the same inputs give the same trajectory.csv, byte for byte
/// (they take the same vector paths; README "Reproducibility"), and a summary.json with the same keys.
/// </summary>
public sealed class AotBinaryTests : IDisposable
{
    private readonly CliHarness _dirs = new();
    private static readonly Dictionary<string, string> NoOverrides = new();

    [SkippableFact]
    public void Flow_SameTrajectoryBytes() =>
        AssertSameRun("flow", "--algorithm", "flow", "--d", "300", "--a", "2", "--time", "1e6", "--records", "80");

    [SkippableFact]
    public void SgdOnMkl_SameTrajectoryBytes()
    {
        MklRequirement.SkipUnlessAvailable();
        AssertSameRun("mkl", "--algorithm", "sgd", "--engine", "mkl", "--d", "256", "--a", "1.5", "--time", "5", "--seed", "7", "--records", "50");
    }

    [SkippableFact]
    public void SgdProjectedEnsemble_SameTrajectoryBytes() =>
        AssertSameRun("projected", "--algorithm", "sgd", "--engine", "projected", "--d", "256", "--a", "1.5", "--time", "5", "--seeds", "2",
            "--threads", "2", "--records", "50");

    private void AssertSameRun(string name, params string[] args)
    {
        string aot = AotBinary.PathOrSkip();
        string jitDir = _dirs.PathTo(name + "-jit"), aotDir = _dirs.PathTo(name + "-aot");
        var jit = FastprProcess.Run(NoOverrides, ["simulate", .. args, "--out", jitDir, "--quiet"]);
        Assert.True(jit.ExitCode == 0, $"JIT: exit {jit.ExitCode}\n{jit.Stderr}");
        var native = FastprProcess.RunExecutable(aot, NoOverrides, ["simulate", .. args, "--out", aotDir, "--quiet"]);
        Assert.True(native.ExitCode == 0, $"AOT: exit {native.ExitCode}\n{native.Stderr}");

        string[] jitCsv = File.ReadAllLines(Path.Combine(jitDir, "trajectory.csv"));
        string[] aotCsv = File.ReadAllLines(Path.Combine(aotDir, "trajectory.csv"));
        int differs = Enumerable.Range(0, Math.Min(jitCsv.Length, aotCsv.Length)).FirstOrDefault(i => jitCsv[i] != aotCsv[i], -1);
        Assert.True(differs < 0, $"line {differs + 1} differs:\nJIT {jitCsv[Math.Max(differs, 0)]}\nAOT {aotCsv[Math.Max(differs, 0)]}");
        Assert.Equal(jitCsv.Length, aotCsv.Length);
        Assert.Equal(File.ReadAllBytes(Path.Combine(jitDir, "trajectory.csv")), File.ReadAllBytes(Path.Combine(aotDir, "trajectory.csv")));

        var jitSummary = CliFiles.ReadJson(Path.Combine(jitDir, "summary.json"));
        var aotSummary = CliFiles.ReadJson(Path.Combine(aotDir, "summary.json"));
        Assert.Equal(KeyPaths(jitSummary), KeyPaths(aotSummary));
        Assert.Equal("completed", aotSummary.GetProperty("status").GetString());
        foreach (string section in new[] { "parameters", "run", "final", "phases", "theory" })
            Assert.Equal(jitSummary.GetProperty(section).GetRawText(), aotSummary.GetProperty(section).GetRawText());
        // The same vector width and MKL kernels are what make the bytes equal; say so when they are not.
        var (jitEnv, aotEnv) = (jitSummary.GetProperty("environment"), aotSummary.GetProperty("environment"));
        // The NativeAOT build targets x86-64-v3 (README): it reports AVX2 where the JIT reports AVX-512, with the same bits.
        Assert.Contains(aotEnv.GetProperty("cpu_isa").GetString(), new[] { jitEnv.GetProperty("cpu_isa").GetString(), "AVX2" });
        Assert.Equal(jitEnv.GetProperty("mkl").GetRawText(), aotEnv.GetProperty("mkl").GetRawText());
    }

    // Every object key with its path; array elements share the path "[]".
    private static SortedSet<string> KeyPaths(JsonElement element, string prefix = "", SortedSet<string>? into = null)
    {
        into ??= new SortedSet<string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                string path = prefix + "/" + property.Name;
                into.Add(path);
                KeyPaths(property.Value, path, into);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) KeyPaths(item, prefix + "[]", into);
        }
        return into;
    }

    public void Dispose() => _dirs.Dispose();
}
