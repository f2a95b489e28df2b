namespace FastPR.Tests.Cli;

/// <summary>
/// Every bad input the CLI must reject: exit code 2, exactly one stderr line naming the option (and what is allowed), nothing on stdout,
/// and no file or directory created.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string, string[]> SimulateCases() => new()
    {
        { "--d", ["--d", "0"] },
        { "--d", ["--d", "-5"] },
        { "--d", ["--d", "abc"] },
        { "--d", ["--d", "1.5"] },
        { "--batch", ["--batch", "0"] },
        { "--batch", ["--batch", "-2"] },
        { "--eta", ["--eta", "0"] },
        { "--eta", ["--eta", "-0.1"] },
        { "--eta", ["--eta", "NaN"] },
        { "--eta", ["--eta", "Infinity"] },
        { "--eta", ["--eta", "inf"] },
        { "--eta", ["--eta", "fast"] },
        { "--a", ["--a", "-0.5"] },
        { "--a", ["--a", "NaN"] },
        { "--sigma", ["--sigma", "-1"] },
        { "--steps", ["--steps", "-1"] },
        { "--time", ["--time", "-3"] },
        { "--records", ["--records", "1"] },
        { "--seeds", ["--seeds", "0"] },
        { "--threads", ["--threads", "0"] },
        { "--epsilon", ["--epsilon", "0"] },
        { "--epsilon", ["--epsilon", "1"] },
        { "--epsilon", ["--epsilon", "1.5"] },
        { "--engine", ["--engine", "turbo"] },
        { "--gaussians", ["--gaussians", "quantum"] },
        { "--algorithm", ["--algorithm", "adam"] },
        { "--tolerance", ["--tolerance", "0"] },
        { "--tolerance", ["--tolerance", "1"] },
        { "--closure", ["--closure", "exact"] },
        { "--sde-stride", ["--algorithm", "sgd-sde", "--sde-stride", "0"] },
        { "--sde-stride", ["--algorithm", "sgd-sde", "--sde-stride", "1.5"] },
        { "--algorithm", ["--algorithm", "sde"] },
        { "--init", ["--init", "zeros"] },
        { "--time", ["--steps", "100", "--time", "1"] },
        { "--seeds", ["--algorithm", "flow", "--seeds", "4"] },
        { "--schedule", ["--schedule", "adam"] },
        { "--schedule", ["--schedule", "cosine:warmup=1.5"] },
        { "--schedule", ["--schedule", "wsd:warmup=0.5,stable=0.7"] },
        { "--schedule", ["--schedule", "step:10=0.5,5=0.1"] },
        { "--schedule", ["--schedule", "step:10=-0.5"] },
        { "--schedule", ["--schedule", "pairs:linear:0=1e-3,1=NaN"] },
        { "--schedule", ["--schedule", "file:/nonexistent/schedule.txt"] },
        { "--schedule", ["--algorithm", "flow", "--schedule", "cosine"] },
    };

    // A schedule file that does not parse, or whose pairs are not a schedule: exit 2, one line naming the file.
    [Theory]
    [InlineData("0 1e-3\n1 2e-3 3\n")]
    [InlineData("0, 1e-3\n5, abc\n")]
    [InlineData("5 1e-3\n1 2e-3\n")]
    [InlineData("0 -1e-3\n")]
    [InlineData("# nothing\n")]
    public void Simulate_RejectsABadScheduleFile(string text)
    {
        string file = _cli.PathTo("schedule.txt");
        File.WriteAllText(file, text);
        string dir = _cli.PathTo("out");
        var run = _cli.Run(["simulate", "--steps", "100", "--schedule", "file:" + file, "--out", dir]);
        AssertBadInput(run, "--schedule");
        Assert.Contains("schedule.txt", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir), "nothing may be written");
    }

    [Theory]
    [MemberData(nameof(SimulateCases))]
    public void Simulate_RejectsWithOneLineNamingTheOption(string option, string[] args)
    {
        string dir = _cli.PathTo("out");
        var run = _cli.Run(["simulate", .. args, "--out", dir]);
        AssertBadInput(run, option);
        Assert.False(Directory.Exists(dir) || File.Exists(dir), "nothing may be written");
    }

    [Fact]
    public void Simulate_RejectsAnOutThatIsAFile()
    {
        string file = _cli.PathTo("a-file");
        File.WriteAllText(file, "x");
        AssertBadInput(_cli.Run("simulate", "--d", "10", "--out", file), "--out");
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Simulate_RejectsAnOutBelowAFile()
    {
        string file = _cli.PathTo("a-file");
        File.WriteAllText(file, "x");
        var run = _cli.Run("simulate", "--d", "10", "--out", Path.Combine(file, "sub"));
        AssertBadInput(run, "--out");
        Assert.Contains("not writable", run.Err);
    }

    [Fact]
    public void Simulate_RejectsAnOutThatIsNotWritable()
    {
        // /proc refuses new files even for root, so this holds whoever runs the tests.
        var run = _cli.Run("simulate", "--d", "10", "--out", "/proc/fastpr-test-out");
        AssertBadInput(run, "--out");
        Assert.Contains("not writable", run.Err);
    }

    [Fact]
    public void UnknownCommandOrOption_IsOneLine()
    {
        AssertBadInput(_cli.Run("simulate", "--bogus", "1"), "--bogus");
        AssertBadInput(_cli.Run("simulat"), "simulat");
    }

    public static TheoryData<string, string[]> SweepCases() => new()
    {
        { "--grid", ["--grid", "a1.5"] },
        { "--grid", ["--grid", "a="] },
        { "--grid", ["--grid", "a=1,,2"] },
        { "--grid", ["--grid", "zz=1,2"] },
        { "--grid", ["--grid", "a=1,1"] },
        { "--grid", ["--grid", "a=1 a=2"] },
        { "--grid", ["--grid", "seed=0..x"] },
        { "--grid", ["--grid", "seed=5..2"] },
        { "--grid", ["--grid", "a=1/2"] },
        { "--grid", ["--grid", "a=-1,2"] },
        { "--grid", ["--grid", "d=10,abc"] },
        { "--grid", ["--grid", "d=10,20", "--d", "30"] },
        { "--grid", ["--grid", "   "] },
        { "--shard", ["--grid", "a=1,2", "--shard", "2/2"] },
        { "--shard", ["--grid", "a=1,2", "--shard", "3/2"] },
        { "--shard", ["--grid", "a=1,2", "--shard", "1/0"] },
        { "--shard", ["--grid", "a=1,2", "--shard", "x"] },
        { "--d", ["--grid", "a=1,2", "--d", "0"] },
    };

    [Theory]
    [MemberData(nameof(SweepCases))]
    public void Sweep_RejectsWithOneLineNamingTheOption(string option, string[] args)
    {
        string dir = _cli.PathTo("sweep");
        var run = _cli.Run(["sweep", .. args, "--time", "0.1", "--out", dir]);
        AssertBadInput(run, option);
        Assert.False(Directory.Exists(dir), "nothing may be written");
    }

    [Fact]
    public void Sweep_RejectsASlurmShardOutOfRange()
    {
        string dir = _cli.PathTo("sweep");
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "3" };
        var run = _cli.Run(["sweep", "--grid", "a=1,2", "--time", "0.1", "--out", dir], env, default);
        AssertBadInput(run, "--shard");
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void SlurmScript_RejectsAMalformedGrid()
    {
        var run = _cli.Run("sweep", "slurm-script", "--grid", "a=", "--out", "x");
        AssertBadInput(run, "--grid");
    }

    [Fact]
    public void DefaultExperiment_RejectsAnOutThatIsAFile()
    {
        string file = _cli.PathTo("results");
        File.WriteAllText(file, "x");
        AssertBadInput(_cli.Run("--out", file), "--out");
    }

    private static void AssertBadInput(CliRun run, string option)
    {
        Assert.True(run.Exit == 2, run.ToString());
        Assert.Equal("", run.Out);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("fastpr: ", line);
        Assert.Contains(option, line);
    }
}
