using System.Globalization;
using System.Runtime.ExceptionServices;
using FastPR.Cli.Output;
using FastPR.Core;

namespace FastPR.Cli.Sweep;

/// <summary>How a sweep invocation went.</summary>
/// <param name="Selected">Points in this shard.</param>
/// <param name="Skipped">Already finished before this invocation (or by another runner meanwhile).</param>
/// <param name="Completed">Run now and completed.</param>
/// <param name="Diverged">Run now and diverged (their files are written; they count as done).</param>
/// <param name="Elsewhere">Left alone because another runner holds their live lease.</param>
/// <param name="Failed">Not run or not finished because of an error (their reasons are in DIR/.points/).</param>
/// <param name="Remaining">Still to do (interrupted, running elsewhere, failed, or beyond --max-points).</param>
internal sealed record SweepOutcome(int Selected, int Skipped, int Completed, int Diverged, int Elsewhere, int Failed, int Remaining);

/// <summary>Settings of one sweep invocation besides its points.</summary>
/// <param name="Jobs">Points run in parallel.</param>
/// <param name="MaxPoints">Run at most this many points now.</param>
/// <param name="Plots">Write plot.png for each point.</param>
/// <param name="CheckpointSeconds">Seconds between checkpoints of a running point (0: none, also not on interruption).</param>
/// <param name="Log">A line per point event: started, resumed from t, finished, interrupted, skipped, failed.</param>
/// <param name="Error">Warnings and failures.</param>
/// <param name="Job">The Slurm job and array task running this ("123_4"), recorded in leases and failures.</param>
internal sealed record SweepRunSettings(int Jobs, int? MaxPoints, bool Plots, double CheckpointSeconds, TextWriter Log, TextWriter Error, string? Job);

/// <summary>
/// Runs the points of one shard in parallel. A point is done exactly when DIR/&lt;point&gt;/summary.json exists: its files are written
/// into DIR/.partial-&lt;point&gt;/ and the folder is renamed into place only when complete, so a crash or Ctrl-C never leaves a
/// point that looks done, and a rerun skips finished points. A running point saves checkpoints into its partial folder (every
/// <c>--checkpoint-every</c> seconds and when a signal stops it), and a rerun continues it from there, to the same result. A
/// point runs only under its lease (<see cref="PointLease"/>), so two tasks never run it at once; a checkpoint that cannot be
/// continued (another build's) fails the point with the reason in DIR/.points/&lt;point&gt;.failed and is kept.
/// </summary>
internal static class SweepRunner
{
    public const string PartialPrefix = ".partial-";

    /// <summary>Whether <paramref name="point"/> has finished in <paramref name="directory"/>.</summary>
    public static bool IsDone(string directory, SweepPoint point) => File.Exists(Path.Combine(directory, point.Name, RunOutputs.SummaryFile));

    public static SweepOutcome Run(string directory, IReadOnlyList<PlannedPoint> points, SweepRunSettings settings,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var todo = points.Where(p => !IsDone(directory, p.Point)).ToArray();
        int skipped = points.Count - todo.Length;
        int started = 0, completed = 0, diverged = 0, elsewhere = 0, failed = 0, finished = skipped;
        progress?.Report(points.Count == 0 ? 1 : (double)finished / points.Count);
        try
        {
            Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs }, (planned, state) =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    state.Stop();
                    return;
                }
                if (settings.MaxPoints is int limit && Interlocked.Increment(ref started) > limit) return;
                switch (RunPoint(directory, planned, settings, cancellationToken))
                {
                    case PointEnd.Elsewhere:
                        Interlocked.Increment(ref elsewhere);
                        return;
                    case PointEnd.Failed:
                        Interlocked.Increment(ref failed);
                        return;
                    case PointEnd.Interrupted:
                        return;
                    case PointEnd.DoneElsewhere:
                        Interlocked.Increment(ref skipped);
                        break;
                    case PointEnd.Completed:
                        Interlocked.Increment(ref completed);
                        break;
                    case PointEnd.Diverged:
                        Interlocked.Increment(ref diverged);
                        break;
                }
                progress?.Report((double)Interlocked.Increment(ref finished) / points.Count);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
        return new SweepOutcome(points.Count, skipped, completed, diverged, elsewhere, failed, points.Count - skipped - completed - diverged);
    }

    private enum PointEnd
    {
        Completed,
        Diverged,
        DoneElsewhere,
        Interrupted,
        Elsewhere,
        Failed,
    }

    private static PointEnd RunPoint(string directory, PlannedPoint planned, SweepRunSettings settings, CancellationToken cancellationToken)
    {
        string name = planned.Point.Name;
        void Log(string what) => settings.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} point {name}: {what}"));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int lost = 0;
        using var lease = PointLease.TryAcquire(directory, name, settings.Job, () =>
        {
            Volatile.Write(ref lost, 1);
            stop.Cancel();
        }, out var holder);
        if (lease is null)
        {
            double age = holder is null ? 0 : (DateTime.UtcNow - holder.Renewed).TotalSeconds;
            Log(string.Create(CultureInfo.InvariantCulture, $"skipped: running elsewhere, {holder?.Holder ?? "another runner"}, lease renewed {age:F0} s ago"));
            return PointEnd.Elsewhere;
        }
        if (IsDone(directory, planned.Point))
        {
            Log("skipped: finished by another runner");
            return PointEnd.DoneElsewhere;
        }

        string partial = Path.Combine(directory, PartialPrefix + name);
        var (saved, problem) = RunCheckpoint.TryRead(partial, planned.Spec);
        if (problem is not null)
        {
            string reason = $"its checkpoint {RunCheckpoint.PathIn(partial)} cannot be continued: {problem} " +
                "Rerun it with the FastPR that wrote it, or delete the checkpoint to start the point over.";
            Fail(reason);
            return PointEnd.Failed;
        }
        Log(saved is null ? "started" : $"resumed from t = {T(saved.Time)}");
        var checkpoints = settings.CheckpointSeconds > 0 ? RunCheckpoint.Options(settings.Error, partial, settings.CheckpointSeconds, saved)
            : new CheckpointOptions { ResumeFrom = saved };
        SimulationResult result;
        try
        {
            result = Simulator.Run(planned.Spec, null, stop.Token, checkpoints);
        }
        catch (Exception ex)
        {
            Fail(ExceptionText.OneLine(ex.Message));
            throw;
        }
        string at = result.Final is { } final ? $" at t = {T(final.Time)}" : "";
        if (result.Status == RunStatus.Interrupted)
        {
            if (Volatile.Read(ref lost) == 1 && !cancellationToken.IsCancellationRequested)
            {
                Log($"stopped{at}: another runner took its lease over");
                return PointEnd.Elsewhere;
            }
            // The checkpoint's t, where a rerun resumes: the last record's can be far behind it.
            if (settings.CheckpointSeconds > 0 && RunCheckpoint.TryRead(partial, planned.Spec) is ({ } stoppedAt, null)) at = $" at t = {T(stoppedAt.Time)}";
            Log($"interrupted{at}" + (settings.CheckpointSeconds > 0 ? ", checkpoint saved" : ", no checkpoint (--checkpoint-every 0)"));
            return PointEnd.Interrupted;
        }
        Publish(directory, planned.Point, result, settings.Plots);
        if (File.Exists(PointFailure.PathFor(directory, name))) PointFailure.Clear(directory, name);
        Log($"finished ({(result.Status == RunStatus.Diverged ? "diverged" : "completed")}){at}");
        return result.Status == RunStatus.Diverged ? PointEnd.Diverged : PointEnd.Completed;

        void Fail(string reason)
        {
            try
            {
                new PointFailure(reason, DateTime.UtcNow, settings.Job).Write(directory, name);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                settings.Error.WriteLine($"fastpr: warning: could not record the failure of point {name}: {ExceptionText.OneLine(ex.Message)}");
            }
            Log("failed: " + reason);
            settings.Error.WriteLine($"fastpr: point {name} failed: {reason}");
        }
    }

    /// <summary>A time t for the log.</summary>
    public static string T(double t) => t.ToString("G6", CultureInfo.InvariantCulture);

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
