using System.Globalization;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// The three files of a run, written each under a temporary name and renamed: trajectory.csv, then plot.png, then summary.json
/// last, so a summary.json on disk whose status is not "running" means its siblings are complete.
/// </summary>
internal static class RunOutputs
{
    public const string TrajectoryFile = "trajectory.csv";
    public const string SummaryFile = "summary.json";
    public const string PlotFile = "plot.png";

    /// <summary>
    /// Writes the files into <paramref name="directory"/> (created if needed) and returns the summary JSON text. The PNG is
    /// rendered on a pool thread meanwhile, and <paramref name="whileRendering"/> (printing the results table, say) runs before
    /// it is awaited, so neither waits for the other.
    /// </summary>
    public static string Write(string directory, SimulationResult result, bool plot = true, Action? whileRendering = null)
    {
        Directory.CreateDirectory(directory);
        var png = plot ? Task.Run(() => PlotRenderer.Trajectory(result, Title(result))) : null;
        AtomicFile.Write(Path.Combine(directory, TrajectoryFile), stream => TrajectoryCsvWriter.Write(stream, result));
        string json = SummaryJson.Serialize(SummaryJson.Build(result, RunSummary.StatusMessage(result)));
        whileRendering?.Invoke();
        if (png is not null) AtomicFile.WriteAllBytes(Path.Combine(directory, PlotFile), png.GetAwaiter().GetResult());
        AtomicFile.WriteAllText(Path.Combine(directory, SummaryFile), json);
        return json;
    }

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and writes summary.json with status "running"; returns whether the directory
    /// was created (for <see cref="RemoveRunning"/>).
    /// </summary>
    public static bool WriteRunning(string directory, SimulationSpec spec)
    {
        bool created = !Directory.Exists(directory);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, SummaryFile), RunningSummary.For(spec).ToJson());
        return created;
    }

    /// <summary>Undoes <see cref="WriteRunning"/> after a run that wrote no results (MKL missing, an I/O error).</summary>
    public static void RemoveRunning(string directory, bool created)
    {
        try
        {
            File.Delete(Path.Combine(directory, SummaryFile));
            if (created && !Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error is the one to report.
        }
    }

    /// <summary>A plot title naming the algorithm, its settings and the problem.</summary>
    public static string Title(SimulationResult result)
    {
        var spec = result.Spec;
        string problem = string.Create(CultureInfo.InvariantCulture, $"d = {spec.Problem.Dimension}, a = {spec.Problem.Exponent:G4}");
        return spec.Algorithm switch
        {
            AlgorithmKind.Sgd => string.Create(CultureInfo.InvariantCulture,
                $"SGD ({result.Stepper}, B = {spec.BatchSize}, η = {spec.LearningRate:G3}{(spec.Seeds > 1 ? $", {spec.Seeds} seeds" : "")}), {problem}"),
            AlgorithmKind.Gd => string.Create(CultureInfo.InvariantCulture, $"Population GD (η = {spec.LearningRate:G3}), {problem}"),
            AlgorithmKind.SgdOde => string.Create(CultureInfo.InvariantCulture,
                $"SGD moment equations (B = {spec.BatchSize}, η = {spec.LearningRate:G3}, {SimulateOptions.NameOf(SimulateOptions.Closures, spec.Closure)}), {problem}"),
            AlgorithmKind.SgdSde => string.Create(CultureInfo.InvariantCulture,
                $"SGD diffusion (B = {spec.BatchSize}, η = {spec.LearningRate:G3}, stride {spec.SdeStride}{(spec.Seeds > 1 ? $", {spec.Seeds} seeds" : "")}), {problem}"),
            _ => $"Gradient flow, {problem}",
        };
    }

    /// <summary>Reports a non-completed status on stderr (with <paramref name="resumeHint"/> when interrupted) and returns the exit code.</summary>
    public static int ExitCode(CliConsole console, SimulationResult result, string directory, string? resumeHint = null)
    {
        switch (result.Status)
        {
            case RunStatus.Diverged:
                console.Error.WriteLine($"fastpr: {RunSummary.StatusMessage(result)}; partial results written to {directory}");
                return ExitCodes.Diverged;
            case RunStatus.Interrupted:
                console.Error.WriteLine($"fastpr: {RunSummary.StatusMessage(result)}; partial results written to {directory}{(resumeHint is null ? "" : "; " + resumeHint)}");
                return console.InterruptedExitCode();
            default:
                return ExitCodes.Ok;
        }
    }
}
