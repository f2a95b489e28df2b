namespace FastPR.Core;

/// <summary>
/// The one loop every algorithm runs through: advance to each record in bounded pieces, take the snapshot there,
/// and stop on divergence (reported with its position, never as garbage statistics) or cancellation (honoured between
/// pieces). Algorithms supply only their step (<see cref="IAdvancer"/>). Saving a run for a later resume hooks in here too
/// (<see cref="IRunSaver"/>), so it works the same for every algorithm. Allocates nothing (a saver may).
/// </summary>
internal static class RunDriver
{
    /// <summary>Steps between finiteness checks of w (an O(d) pass, negligible against the steps themselves).</summary>
    public const int DivergenceCheckInterval = 64;

    /// <summary>About this many progress reports per run besides the records (log-spaced records are hours apart late in a long run).</summary>
    public const int ProgressReportsPerRun = 4096;

    /// <summary>
    /// Runs <paramref name="advancer"/> from the state in <paramref name="w"/> (updated in place) through
    /// <paramref name="records"/> records, handing each snapshot to <paramref name="sink"/>.
    /// <paramref name="progress"/> receives every record and, in between, a report whenever the position has moved by
    /// <paramref name="progressInterval"/> since the last one. <paramref name="saver"/>, when given, is offered the run's
    /// position between pieces and whenever cancellation stops it. With <paramref name="resumeFrom"/> the run continues
    /// from a saved position: <paramref name="w"/> must hold the state saved with it and the sink its snapshots.
    /// </summary>
    /// <returns>How the run ended, the advancer's position then, and the last finite snapshot.</returns>
    public static RunResult Run<TAdvancer>(ref TAdvancer advancer, Problem problem, Span<double> w, int records, IRecordSink sink,
        IProgress<RunProgress>? progress = null, long progressInterval = long.MaxValue, CancellationToken cancellationToken = default,
        IRunSaver? saver = null, RunPosition? resumeFrom = null)
        where TAdvancer : IAdvancer, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(sink);
        Guard.AtLeast(records, 1, nameof(records));
        Snapshot lastFinite = default;
        int first = 0;
        if (resumeFrom is RunPosition resume)
        {
            if (resume.RecordsDone < 0 || resume.RecordsDone > records)
                throw new ArgumentOutOfRangeException(nameof(resumeFrom), resume.RecordsDone, $"A saved run has 0 to {records} snapshots.");
            advancer.RestoreState(resume.Advancer);
            lastFinite = resume.LastFinite;
            first = resume.RecordsDone;
        }
        long nextProgress = advancer.Position + progressInterval;
        for (int k = first; k < records; k++)
        {
            while (!advancer.IsAt(k))
            {
                // Between pieces, where every algorithm's state is whole: the one place a run is saved.
                if (saver is not null && (saver.IsDue || cancellationToken.IsCancellationRequested))
                    saver.Save(new RunPosition(k, advancer.SaveState(), lastFinite), w);
                if (cancellationToken.IsCancellationRequested) return new RunResult(RunStatus.Interrupted, advancer.Position, null, lastFinite);
                if (!advancer.Advance(w, k)) return new RunResult(RunStatus.Diverged, advancer.Position, advancer.Position, lastFinite);
                if (progress is not null && advancer.Position >= nextProgress && !advancer.IsAt(k))
                {
                    progress.Report(new RunProgress(k, advancer.Position, advancer.Time));
                    nextProgress = advancer.Position + progressInterval;
                }
            }

            var snapshot = advancer.Snapshot(problem, w);
            if (!snapshot.IsFinite || !IsFinite(w)) return new RunResult(RunStatus.Diverged, advancer.Position, advancer.Position, lastFinite);
            sink.Record(snapshot, w);
            lastFinite = snapshot;
            progress?.Report(new RunProgress(k + 1, advancer.Position, advancer.Time));
            nextProgress = advancer.Position + progressInterval;
        }
        return new RunResult(RunStatus.Completed, advancer.Position, null, lastFinite);
    }

    /// <summary>Whether every coordinate of <paramref name="w"/> is finite (a sum of squares is non-finite iff some term is, or it overflows, which is divergence too).</summary>
    public static bool IsFinite(ReadOnlySpan<double> w)
    {
        double sum = 0;
        foreach (double x in w) sum += x * x;
        return double.IsFinite(sum);
    }
}
