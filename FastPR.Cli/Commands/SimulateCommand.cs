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
            bool resuming = parse.GetValue(resume) is not null;
            var fresh = resuming ? null : Fresh(options, parse);
            string directory = resuming
                ? ResumeDirectory(parse.GetValue(resume)!, SimulateOptions.IsExplicit(parse, output) ? parse.GetValue(output) : null)
                : OutputDirectory.Check(parse.GetValue(output)!, "out");
            using var folder = RunFolder.Acquire(directory, resuming ? "resume" : "out");
            var (spec, saved) = resuming ? Resume(options, parse, folder, parse.GetValue(resume)!) : (fresh!, null);
            if (spec.CallsMkl) EnvironmentReport.LoadMklInBackground(); // beside the start; other runs never load it
            string runId = saved?.Labels.GetValueOrDefault(RunLabels.RunId) ?? RunLabels.NewRunId();
            // Once the options are known good (a usage error exits at once, not while Skia loads): it overlaps the whole run.
            RunOutputs.WarmUpInBackground();
            if (!parse.GetValue(json)) ConsoleRendering.WarmUpInBackground();
            folder.Start(spec, runId, saved?.Time);
            if (saved is not null && !parse.GetValue(quiet) && !parse.GetValue(json))
                console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fastpr: resuming run {runId} from t = {saved.Time:G6}."));
            var checkpoints = every > 0 || saved is not null
                ? RunCheckpoint.Options(console, directory, every, saved, RunLabels.For(runId, spec), written: c => folder.Progress(c.Time))
                : null;
            if (every == 0 && checkpoints is not null) checkpoints = checkpoints with { Write = null };
            SimulationResult result;
            string summary;
            RunOutputs.StagedOutputs? early = null; // the plot and trajectory, started while the predictions finish
            try
            {
                result = ConsoleRendering.WithRunProgress(console, parse.GetValue(quiet), Describe(spec), spec.Horizon,
                    progress => Simulator.Run(spec, progress, console.Cancellation, checkpoints,
                        beforePredictions: stepped => early = RunOutputs.Stage(directory, stepped)));
                folder.Started(); // written beside the run's start; a failure to write it fails the run as before
                if (spec.Engine == Core.EngineKind.Auto && result.EngineReason is { } reason && !parse.GetValue(quiet) && !parse.GetValue(json))
                    console.Error.WriteLine($"fastpr: engine auto → {result.Stepper}: {reason}.");
                summary = RunOutputs.Write(directory, result, early ?? RunOutputs.Stage(directory, result),
                    whileRendering: parse.GetValue(json) ? null : () => ConsoleRendering.Write(console, ResultTable.PredictedVsMeasured(Describe(result.Spec), result)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                folder.End(RunState.Failed, $"failed: {ExceptionText.OneLine(ex.Message)}", null);
                throw;
            }
            catch (OperationCanceledException)
            {
                folder.End(RunSummary.StatusName(RunStatus.Interrupted), "interrupted before any results", null);
                throw;
            }
            catch
            {
                // Nothing ran (a missing library, a bad engine choice): leave no trace of a run.
                early?.Dispose();
                if (saved is null) folder.Abandon();
                else folder.End(RunState.Failed, "failed before any results", null);
                throw;
            }
            finally
            {
                early?.Dispose(); // staged files a failure left behind (after a write, the committed ones stay)
            }
            folder.End(RunSummary.StatusName(result.Status), RunSummary.StatusMessage(result), result.Final?.Time);
            if (result.Status != RunStatus.Interrupted) RunCheckpoint.Remove(directory); // the run has ended: nothing to continue
            bool resumable = result.Status == RunStatus.Interrupted && File.Exists(RunCheckpoint.PathIn(directory));
            if (parse.GetValue(json)) console.Out.Write(summary);
            return RunOutputs.ExitCode(console, result, directory, resumable ? $"continue with 'fastpr simulate --resume {directory}'" : null);
        }));
        return command;
    }

    private static SimulationSpec Fresh(SimulateOptions options, ParseResult parse)
    {
        var spec = options.Bind(parse);
        spec.Validate();
        spec.ValidateMemory(RunLabels.AvailableMemory);
        return spec;
    }

    private static string ResumeDirectory(string given, string? output)
    {
        string directory = OutputDirectory.Check(given, "resume");
        if (output is not null && Path.GetFullPath(output) != directory)
            throw new UsageException("out", "a resumed run continues in its own folder; leave out --out or give the --resume folder.");
        if (!Directory.Exists(directory)) throw new UsageException("resume", $"'{given}' holds no {RunCheckpoint.FileName} (no such folder).");
        return directory;
    }

    // The run is the checkpoint's, and only if it is the run last started in the folder; options given explicitly must repeat its
    // values (the thread count may change).
    private static (SimulationSpec Spec, SimulationCheckpoint Saved) Resume(SimulateOptions options, ParseResult parse, RunFolder folder, string given)
    {
        var saved = RunCheckpoint.Read(folder.Path, given);
        string? savedId = saved.Labels.GetValueOrDefault(RunLabels.RunId);
        if (RunFolder.ReadState(folder.Path) is { } last && last.RunId != savedId)
            throw new UsageException("resume", $"the checkpoint in '{given}' belongs to run {savedId ?? "(unknown)"}, but the run last started there is {last.RunId} ({last.Status}, {last.Message}), which left no checkpoint; start it again instead.");
        RunLabels.RestoreOrigins(saved);
        var spec = options.Resumed(saved.Spec, parse);
        if (saved.Mismatch(spec) is string mismatch) throw new UsageException("resume", mismatch);
        spec.Validate();
        spec.ValidateMemory(RunLabels.AvailableMemory);
        return (spec, saved);
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
