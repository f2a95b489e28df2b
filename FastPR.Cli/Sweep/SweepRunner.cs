using System.Runtime.ExceptionServices;
using FastPR.Cli.Output;
using FastPR.Core;

namespace FastPR.Cli.Sweep;

/// <summary>How a sweep invocation went.</summary>
/// <param name="Selected">Points in this shard.</param>
/// <param name="Skipped">Already finished before this invocation.</param>
/// <param name="Completed">Run now and completed.</param>
/// <param name="Diverged">Run now and diverged (their files are written; they count as done).</param>
/// <param name="Remaining">Still to do (interrupted, or beyond --max-points).</param>
internal sealed record SweepOutcome(int Selected, int Skipped, int Completed, int Diverged, int Remaining);

/// <summary>
/// Runs the points of one shard in parallel. A point is done exactly when DIR/&lt;point&gt;/summary.json exists: its files are written
/// into DIR/.partial-&lt;point&gt;/ and the folder is renamed into place only when complete, so a crash or Ctrl-C never leaves a
/// point that looks done, and a rerun skips finished points. A running point saves checkpoints into its partial folder (every
/// <c>--checkpoint-every</c> seconds and when a signal stops it), and a rerun continues it from there, to the same result.
/// </summary>
internal static class SweepRunner
{
    public const string PartialPrefix = ".partial-";

    /// <summary>Whether <paramref name="point"/> has finished in <paramref name="directory"/>.</summary>
    public static bool IsDone(string directory, SweepPoint point) => File.Exists(Path.Combine(directory, point.Name, RunOutputs.SummaryFile));

    public static SweepOutcome Run(string directory, IReadOnlyList<PlannedPoint> points, int jobs, int? maxPoints, bool plots,
        IProgress<double>? progress, CancellationToken cancellationToken, double checkpointSeconds = 0, TextWriter? error = null)
    {
        var todo = points.Where(p => !IsDone(directory, p.Point)).ToArray();
        int skipped = points.Count - todo.Length;
        int started = 0, completed = 0, diverged = 0, finished = skipped;
        progress?.Report(points.Count == 0 ? 1 : (double)finished / points.Count);
        try
        {
            Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = jobs }, (planned, state) =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    state.Stop();
                    return;
                }
                if (maxPoints is int limit && Interlocked.Increment(ref started) > limit) return;
                string partial = Path.Combine(directory, PartialPrefix + planned.Point.Name);
                var saved = RunCheckpoint.TryRead(partial, planned.Spec);
                var checkpoints = checkpointSeconds > 0 ? RunCheckpoint.Options(error ?? TextWriter.Null, partial, checkpointSeconds, saved)
                    : new CheckpointOptions { ResumeFrom = saved };
                var result = Simulator.Run(planned.Spec, null, cancellationToken, checkpoints);
                if (result.Status == RunStatus.Interrupted) return;
                Publish(directory, planned.Point, result, plots);
                Interlocked.Increment(ref result.Status == RunStatus.Diverged ? ref diverged : ref completed);
                progress?.Report((double)Interlocked.Increment(ref finished) / points.Count);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
        return new SweepOutcome(points.Count, skipped, completed, diverged, todo.Length - completed - diverged);
    }

    private static void Publish(string directory, SweepPoint point, SimulationResult result, bool plots)
    {
        string partial = Path.Combine(directory, PartialPrefix + point.Name);
        string final = Path.Combine(directory, point.Name);
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true); // left by a crash of an earlier run
        RunOutputs.Write(partial, result, plots);
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true); // a folder without summary.json is not a result
        Directory.Move(partial, final);
    }
}
