using System.CommandLine;
using System.Globalization;
using FastPR.Cli.Output;
using FastPR.Core;

namespace FastPR.Cli.Commands;

/// <summary><c>fastpr simulate</c>: one run or ensemble; writes trajectory.csv, summary.json and plot.png.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new SimulateOptions();
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "results/simulate", Description = "Output directory", HelpName = "dir" };
        var json = new Option<bool>("--json") { Description = "Print exactly the summary JSON on stdout and nothing else" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar, estimate or progress lines" };
        var checkpointEvery = OptionFactory.Double("--checkpoint-every", RunCheckpoint.DefaultSeconds, "finite ≥ 0; 0: no checkpoints",
            $"Seconds between checkpoints ({RunCheckpoint.FileName} in the output folder; also written when a signal stops the run)");
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the interrupted run in this folder from its checkpoint (other options: omit them, or give the same values)",
            HelpName = "dir",
        };
        var command = new Command("simulate", "Run SGD, population GD or the gradient flow on one problem and compare with theory.");
        options.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.Options.Add(checkpointEvery);
        command.Options.Add(resume);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            double every = parse.GetValue(checkpointEvery);
            if (!double.IsFinite(every) || every < 0)
                throw new UsageException("checkpoint-every", string.Create(CultureInfo.InvariantCulture, $"seconds must be finite and ≥ 0 (got {every})."));
            var (spec, directory, saved) = parse.GetValue(resume) is string resumeDirectory
                ? Resume(options, parse, resumeDirectory, SimulateOptions.IsExplicit(parse, output) ? parse.GetValue(output) : null)
                : Fresh(options, parse, parse.GetValue(output)!);
            bool created = RunOutputs.WriteRunning(directory, spec);
            var checkpoints = every > 0 || saved is not null ? RunCheckpoint.Options(console, directory, every, saved) : null;
            if (every == 0 && checkpoints is not null) checkpoints = checkpoints with { Write = null };
            SimulationResult result;
            PlotRenderer.WarmUpInBackground();
            try
            {
                result = ConsoleRendering.WithRunProgress(console, parse.GetValue(quiet), Describe(spec), spec.Horizon,
                    progress => Simulator.Run(spec, progress, console.Cancellation, checkpoints));
            }
            catch
            {
                RunOutputs.RemoveRunning(directory, created);
                throw;
            }
            if (spec.Engine == Core.EngineKind.Auto && result.EngineReason is { } reason && !parse.GetValue(quiet) && !parse.GetValue(json))
                console.Error.WriteLine($"fastpr: engine auto → {result.Stepper}: {reason}.");
            bool printJson = parse.GetValue(json);
            string summary = RunOutputs.Write(directory, result,
                whileRendering: printJson ? null : () => ConsoleRendering.Write(console, ResultTable.PredictedVsMeasured(Describe(result.Spec), result)));
            if (result.Status != RunStatus.Interrupted) RunCheckpoint.Remove(directory); // the run has ended: nothing to continue
            bool resumable = result.Status == RunStatus.Interrupted && File.Exists(RunCheckpoint.PathIn(directory));
            if (printJson) console.Out.Write(summary);
            return RunOutputs.ExitCode(console, result, directory, resumable ? $"continue with 'fastpr simulate --resume {directory}'" : null);
        }));
        return command;
    }

    private static (SimulationSpec Spec, string Directory, SimulationCheckpoint? Saved) Fresh(SimulateOptions options, ParseResult parse, string output)
    {
        var spec = options.Bind(parse);
        spec.Validate();
        return (spec, OutputDirectory.Check(output, "out"), null);
    }

    // The run is the checkpoint's; options given explicitly must repeat its values (the thread count may change).
    private static (SimulationSpec Spec, string Directory, SimulationCheckpoint? Saved) Resume(SimulateOptions options, ParseResult parse, string given, string? output)
    {
        string directory = OutputDirectory.Check(given, "resume");
        if (output is not null && Path.GetFullPath(output) != directory)
            throw new UsageException("out", "a resumed run continues in its own folder; leave out --out or give the --resume folder.");
        var saved = RunCheckpoint.Read(directory, given);
        var spec = options.Resumed(saved.Spec, parse);
        if (saved.Mismatch(spec) is string mismatch) throw new UsageException("resume", mismatch);
        spec.Validate();
        return (spec, directory, saved);
    }

    /// <summary>The progress-bar label.</summary>
    public static string Describe(SimulationSpec spec) =>
        spec.Algorithm switch
        {
            AlgorithmKind.Sgd => $"SGD, {spec.Seeds} seed(s), {spec.TotalSteps:N0} steps",
            AlgorithmKind.Gd => $"GD, {spec.TotalSteps:N0} steps",
            AlgorithmKind.SgdOde => $"sgd-ode to t = {spec.Horizon:G3}",
            AlgorithmKind.SgdSde => $"sgd-sde, {spec.Seeds} seed(s), {(spec.TotalSteps + spec.SdeStride - 1) / spec.SdeStride:N0} steps",
            _ => $"flow to t = {spec.Horizon:G3}",
        };
}
