using System.CommandLine;
using FastPR.Cli.Output;
using FastPR.Cli.Sweep;

namespace FastPR.Cli.Commands;

/// <summary>
/// <c>fastpr sweep --grid "a=1.5,2,4 d=500,2000 seed=0..7" [simulate options] --out DIR [--shard i/n]</c>: one sub-folder per grid
/// point, points in parallel, resumable, deterministically sharded (Slurm job arrays are picked up from the environment).
/// </summary>
internal static class SweepCommand
{
    /// <summary>The options of a sweep besides the simulate options.</summary>
    internal sealed class SweepOptions
    {
        public SimulateOptions Simulate { get; } = new();
        public Option<string> Grid { get; } = new("--grid") { Description = "The grid, e.g. \"a=1.5,2,4 d=500,2000 seed=0..7\" (keys: simulate options; lo..hi = integer range)", HelpName = "spec", Required = true };
        public Option<string> Out { get; } = new("--out") { DefaultValueFactory = _ => "sweep", Description = "Sweep folder", HelpName = "dir" };
        public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "Skip plot.png for each point" };
        public Option<double> CheckpointEvery { get; } = OptionFactory.Double("--checkpoint-every", RunCheckpoint.DefaultSeconds, "finite ≥ 0; 0: no checkpoints",
            "Seconds between checkpoints of each running point (a rerun continues an unfinished point from its checkpoint)");

        public IEnumerable<Option> All => [.. Simulate.All, Grid, Out, NoPlots, CheckpointEvery];
    }

    public static Command Create(CliConsole console)
    {
        var options = new SweepOptions();
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n (points k with k mod n = i); default: from a Slurm job array, else all", HelpName = "i/n" };
        var jobs = OptionFactory.OptionalInt("--jobs", "integer ≥ 1; default: all cores", "Points run in parallel");
        var maxPoints = OptionFactory.OptionalInt("--max-points", "integer ≥ 1", "Run at most this many points now, then stop (rerun to continue)");
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar; a line per point instead (started, resumed from t, finished, interrupted, skipped)" };
        var command = new Command("sweep", "Run a grid of simulations, one sub-folder per point; resumable and shardable (Slurm job arrays).");
        foreach (var option in options.All) command.Options.Add(option);
        command.Options.Add(shard);
        command.Options.Add(jobs);
        command.Options.Add(maxPoints);
        command.Options.Add(quiet);
        command.Subcommands.Add(SlurmScriptCommand.Create(console));
        command.Subcommands.Add(SweepMergeCommand.Create(console));
        command.Subcommands.Add(SweepStatusCommand.Create(console));
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            var grid = SweepGrid.Parse(parse.GetValue(options.Grid), options.Simulate.Keys);
            var planned = SweepPlan.Build(grid, options.Simulate, parse);
            var selectedShard = Shard.Resolve(parse.GetValue(shard), console.GetEnvironmentVariable);
            if (parse.GetValue(jobs) is int j && j < 1) throw new UsageException("jobs", $"jobs must be ≥ 1 (got {j}).");
            if (parse.GetValue(maxPoints) is int m && m < 1) throw new UsageException("max-points", $"max-points must be ≥ 1 (got {m}).");
            double every = parse.GetValue(options.CheckpointEvery);
            if (!double.IsFinite(every) || every < 0)
                throw new UsageException("checkpoint-every", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seconds must be finite and ≥ 0 (got {every})."));
            string directory = OutputDirectory.Check(parse.GetValue(options.Out)!, "out");
            var manifest = SweepManifest.For(grid, planned);
            manifest.CheckCompatible(directory);

            var mine = planned.Where(p => selectedShard.Contains(p.Point.Index)).ToArray();
            Directory.CreateDirectory(directory);
            manifest.Write(directory);
            bool quietly = parse.GetValue(quiet);
            var settings = new SweepRunSettings(parse.GetValue(jobs) ?? Environment.ProcessorCount, parse.GetValue(maxPoints), !parse.GetValue(options.NoPlots),
                every, quietly ? TextWriter.Synchronized(console.Out) : TextWriter.Null, TextWriter.Synchronized(console.Error), SlurmJob(console.GetEnvironmentVariable));
            var outcome = ConsoleRendering.WithProgress(console, quietly, $"sweep shard {selectedShard}: {mine.Length} points",
                progress => SweepRunner.Run(directory, mine, settings, progress, console.Cancellation));

            console.Out.WriteLine($"sweep {directory}: grid of {planned.Count} points; shard {selectedShard} has {outcome.Selected}.");
            console.Out.WriteLine($"  already done {outcome.Skipped}, completed now {outcome.Completed}, diverged now {outcome.Diverged}, " +
                $"running elsewhere {outcome.Elsewhere}, failed {outcome.Failed}, remaining {outcome.Remaining}.");
            if (console.Cancellation.IsCancellationRequested)
            {
                console.Error.WriteLine($"fastpr: sweep interrupted; {outcome.Remaining} point(s) left. Rerun the same command to finish them.");
                return console.InterruptedExitCode();
            }
            if (outcome.Failed > 0)
            {
                console.Error.WriteLine($"fastpr: {outcome.Failed} point(s) failed; 'fastpr sweep status {directory}' shows why.");
                return ExitCodes.Failure;
            }
            if (outcome.Remaining > 0) console.Out.WriteLine("  rerun the same command to continue.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>"123_4" for task 4 of array job 123, "123" for a plain job, null outside Slurm.</summary>
    internal static string? SlurmJob(Func<string, string?> environment) =>
        (environment("SLURM_ARRAY_JOB_ID"), environment("SLURM_ARRAY_TASK_ID"), environment("SLURM_JOB_ID")) switch
        {
            ({ Length: > 0 } array, { Length: > 0 } task, _) => $"{array}_{task}",
            (_, _, { Length: > 0 } job) => job,
            _ => null,
        };
}
