using FastPR.Cli.Output;
using FastPR.Core;

namespace FastPR.Tests.Cli;

/// <summary>
/// The run folder's state and a run's files are written off the main thread (run.json beside the run's start, the plot and
/// the trajectory beside the results table): whatever the order in which those threads finish, the folder ends as a
/// sequential writer would leave it.
/// </summary>
public sealed class RunOutputsTests : IDisposable
{
    private readonly CliHarness _scratch = new();

    private static readonly SimulationSpec Spec = new() { Problem = new ProblemSpec(Dimension: 50, Exponent: 1.5), Time = 1, Records = 20 };

    [Fact]
    public void AnEndRightAfterTheStart_IsTheStateThatStays()
    {
        string dir = _scratch.PathTo("ended");
        using (var folder = RunFolder.Acquire(dir, "out"))
        {
            folder.Start(Spec, "0123456789abcdef", null);
            folder.End("completed", "done", 1.0);
        }
        var state = RunFolder.ReadState(dir)!;
        Assert.Equal("completed", state.Status);
        Assert.Equal("done", state.Message);
        Assert.Equal("0123456789abcdef", state.RunId);
    }

    [Fact]
    public void AnAbandonRightAfterTheStart_LeavesNoTrace()
    {
        string dir = _scratch.PathTo("abandoned");
        using (var folder = RunFolder.Acquire(dir, "out"))
        {
            folder.Start(Spec, "0123456789abcdef", null);
            folder.Abandon();
        }
        Assert.False(Directory.Exists(dir), "the folder this run created is removed with its state");
    }

    [Fact]
    public void Started_ReportsAStateThatCouldNotBeWritten()
    {
        string dir = _scratch.PathTo("unwritable");
        using var folder = RunFolder.Acquire(dir, "out");
        Directory.CreateDirectory(Path.Combine(dir, RunFolder.StateFile)); // a folder where run.json goes: the rename fails
        folder.Start(Spec, "0123456789abcdef", null);
        var thrown = Record.Exception(folder.Started);
        Assert.True(thrown is IOException or UnauthorizedAccessException, $"got {thrown}");
    }

    [Fact]
    public void WhenPrintingFails_TheOldFilesStayWhole_AndNoStagedFileIsLeft()
    {
        string dir = _scratch.PathTo("outputs");
        var first = Simulator.Run(Spec);
        RunOutputs.Write(dir, first);
        var before = Snapshot(dir);

        var second = Simulator.Run(Spec with { Time = 2 });
        var thrown = Assert.Throws<InvalidOperationException>(() => RunOutputs.Write(dir, second, whileRendering: () => throw new InvalidOperationException("printing failed")));
        Assert.Equal("printing failed", thrown.Message);
        Assert.Equal(before, Snapshot(dir));
    }

    [Fact]
    public void TheFilesWrittenConcurrently_AreTheFilesTheSummaryNames()
    {
        string dir = _scratch.PathTo("hashes");
        string json = RunOutputs.Write(dir, Simulator.Run(Spec), whileRendering: () => Thread.Sleep(50));
        var files = CliFiles.ReadJson(Path.Combine(dir, RunOutputs.SummaryFile)).GetProperty("files");
        foreach (string name in new[] { RunOutputs.TrajectoryFile, RunOutputs.PlotFile })
        {
            string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, name))));
            Assert.Equal(hash, files.GetProperty(name).GetString());
        }
        Assert.Equal(json, File.ReadAllText(Path.Combine(dir, RunOutputs.SummaryFile)));
        Assert.Empty(Directory.GetFiles(dir, ".*.tmp"));
    }

    // Every file's name and bytes, temporaries included.
    private static SortedDictionary<string, string> Snapshot(string dir) =>
        new(Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);

    public void Dispose() => _scratch.Dispose();
}
