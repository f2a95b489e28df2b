using System.Globalization;
using System.Security.Cryptography;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// The three files of a run, published as a set: summary.json is written last and names its siblings' SHA-256, so a summary.json
/// on disk means its siblings are complete and its own.
/// </summary>
internal static class RunOutputs
{
    public const string TrajectoryFile = "trajectory.csv";
    public const string SummaryFile = "summary.json";
    public const string PlotFile = "plot.png";

    /// <summary>
    /// Writes the files into <paramref name="directory"/> (created if needed) and returns the summary JSON text. The PNG is
    /// rendered and staged on one pool thread and the trajectory staged on another, while <paramref name="whileRendering"/>
    /// (printing the results table, say) runs here, so none waits for the others and their flushes to disk overlap.
    /// <para>
    /// All three are staged under temporary names first; then the old summary.json is removed, the new trajectory and plot are
    /// renamed in, and the new summary.json last. summary.json names its siblings' SHA-256 ("files"), so a reader that starts from
    /// summary.json and checks the hashes never takes a mix of two runs, and a failure before the renames leaves the old set whole.
    /// </para>
    /// </summary>
    public static string Write(string directory, SimulationResult result, bool plot = true, Action? whileRendering = null) =>
        Write(directory, result, Stage(directory, result, plot), whileRendering);

    /// <summary>
    /// As above, with the trajectory and plot already being staged by <see cref="Stage"/> (from a result whose trajectory and
    /// analysis are <paramref name="result"/>'s: the run's, before its predictions were joined).
    /// </summary>
    public static string Write(string directory, SimulationResult result, StagedOutputs staged, Action? whileRendering = null)
    {
        try
        {
            whileRendering?.Invoke();
            var trajectory = staged.Trajectory.GetAwaiter().GetResult();
            var picture = staged.Plot?.GetAwaiter().GetResult();
            var files = new Dictionary<string, string> { [TrajectoryFile] = trajectory.Sha256 };
            if (picture is not null) files[PlotFile] = picture.Sha256;
            string json = SummaryJson.Serialize(SummaryJson.Build(result, RunSummary.StatusMessage(result)) with { Files = files });
            using var summary = AtomicFile.Stage(Path.Combine(directory, SummaryFile), System.Text.Encoding.UTF8.GetBytes(json));
            File.Delete(Path.Combine(directory, SummaryFile));
            if (picture is null) File.Delete(Path.Combine(directory, PlotFile)); // not this run's
            trajectory.File.Commit();
            picture?.File.Commit();
            summary.Commit();
            return json;
        }
        finally
        {
            staged.Dispose();
        }
    }

    /// <summary>
    /// Starts rendering and staging the plot (one pool thread) and the trajectory (another) of <paramref name="result"/> under
    /// temporary names in <paramref name="directory"/> (created if needed). Neither reads the predictions or the status, so a run
    /// can start them before its predictions are joined (<see cref="Simulator.Run"/>'s <c>beforePredictions</c>).
    /// </summary>
    public static StagedOutputs Stage(string directory, SimulationResult result, bool plot = true)
    {
        Directory.CreateDirectory(directory);
        var png = plot ? Task.Run(() => Stage(Path.Combine(directory, PlotFile), PlotRenderer.Trajectory(result, Title(result)))) : null;
        var csv = Task.Run(() => Stage(Path.Combine(directory, TrajectoryFile), TrajectoryCsv(result)));
        return new StagedOutputs(csv, png);
    }

    /// <summary>A trajectory and plot being staged; disposing removes whichever was staged and not committed.</summary>
    internal sealed class StagedOutputs(Task<StagedFile> trajectory, Task<StagedFile>? plot) : IDisposable
    {
        public Task<StagedFile> Trajectory { get; } = trajectory;
        public Task<StagedFile>? Plot { get; } = plot;

        // Whichever part failed, the others' staged files are removed once they are written (a committed one stays).
        public void Dispose()
        {
            RemoveWhenStaged(Trajectory);
            RemoveWhenStaged(Plot);
        }
    }

    /// <summary>
    /// Starts, on a thread of its own, what a process pays once before its first outputs: SHA-256, whose first use loads the
    /// system's crypto library, and the plot library (<see cref="PlotRenderer.WarmUpInBackground"/>). It first waits for MKL's
    /// load when the run loads it (<see cref="EnvironmentReport.LoadMklInBackground"/>): shared libraries load one at a time (the
    /// dynamic loader holds a lock while it maps and relocates one), and the run's source needs MKL's long before the outputs
    /// need Skia's.
    /// </summary>
    public static void WarmUpInBackground() => PlotRenderer.WarmUpInBackground(first: () =>
    {
        try
        {
            EnvironmentReport.Get();
            SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }
        catch (Exception)
        {
            // Only a warm-up: the run and the hashing of the files meet and report the same problem.
        }
    });

    internal sealed record StagedFile(AtomicFile.Staged File, string Sha256);

    private static StagedFile Stage(string path, byte[] bytes)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new StagedFile(AtomicFile.Stage(path, bytes), hash);
    }

    private static byte[] TrajectoryCsv(SimulationResult result)
    {
        using var buffer = new MemoryStream();
        TrajectoryCsvWriter.Write(buffer, result);
        return buffer.ToArray();
    }

    private static void RemoveWhenStaged(Task<StagedFile>? staging)
    {
        if (staging is null) return;
        try
        {
            staging.Wait();
        }
        catch (AggregateException)
        {
            return; // nothing was staged (AtomicFile.Stage removes its own temporary file when it fails)
        }
        staging.Result.File.Dispose();
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
                $"SGD moment equations (B = {spec.BatchSize}, η = {spec.LearningRate:G3}, {RunFields.NameOf(RunFields.Closures, spec.Closure)}), {problem}"),
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
