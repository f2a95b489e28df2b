namespace FastPR.Core;

/// <summary>
/// Runs M independent members in parallel, each with its own stepper (and so its own stream and workspace), from the
/// problem's initial point. Member m's result depends only on m, never on the thread count or scheduling.
/// </summary>
public static class EnsembleRunner
{
    /// <summary>Runs <paramref name="members"/> members built by <paramref name="createMember"/> over the given records.</summary>
    /// <param name="members">M ≥ 1.</param>
    /// <param name="createMember">Builds member m's stepper; the runner disposes it.</param>
    /// <param name="recordSteps">Shared record steps.</param>
    /// <param name="maxThreads">Parallel members at most (≥ 1); defaults to the processor count.</param>
    /// <param name="progress">Receives the total steps completed over all members, at records and in between (see <see cref="TrajectoryRunner.Run(IStepper, Span{double}, TrajectoryRecorder, IProgress{long}?, CancellationToken)"/>).</param>
    /// <param name="cancellationToken">Stops every member at its next check.</param>
    public static EnsembleResult Run(int members, Func<int, IStepper> createMember, ReadOnlySpan<long> recordSteps,
        int? maxThreads = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Run(members, createMember, recordSteps, maxThreads, progress, cancellationToken, null);

    /// <summary>
    /// As above; <paramref name="saves"/> resumes members from their saved states and saves them while they run, and
    /// <paramref name="newClock"/>, when given, makes each member's clock of a schedule (docs/MODEL.md §3.9).
    /// </summary>
    internal static EnsembleResult Run(int members, Func<int, IStepper> createMember, ReadOnlySpan<long> recordSteps,
        int? maxThreads, IProgress<long>? progress, CancellationToken cancellationToken, CheckpointCoordinator? saves, Func<StepSizeClock>? newClock = null)
    {
        ArgumentNullException.ThrowIfNull(createMember);
        Guard.AtLeast(members, 1, nameof(members));
        int threads = maxThreads ?? Environment.ProcessorCount;
        Guard.AtLeast(threads, 1, nameof(maxThreads));
        var records = recordSteps.ToArray();
        var results = new RunResult[members];
        var trajectories = new Snapshot[members][];
        double timePerStep = double.NaN;
        var totalSteps = new long[1]; // shared by the members' progress adaptors
        Parallel.For(0, members, new ParallelOptions { MaxDegreeOfParallelism = threads }, m =>
        {
            using var stepper = createMember(m);
            timePerStep = stepper.TimePerStep;
            var saved = saves?.Member(m);
            if (saved is { Status: SavedMemberStatus.Finished })
            {
                results[m] = saved.Result;
                trajectories[m] = saved.Snapshots;
                return;
            }
            var recorder = new TrajectoryRecorder(records);
            // Cache-aligned so the engines' sweeps load and store w without straddling lines (CacheAligned).
            ArraySegment<double> w = CacheAligned.Allocate<double>(stepper.Problem.Dimension);
            RunPosition? from = null;
            if (saved is { Status: SavedMemberStatus.Running })
            {
                Guard.Length(saved.W.Length, stepper.Problem.Dimension, "w");
                saved.W.CopyTo(w.AsSpan());
                recorder.Restore(saved.Snapshots);
                if (stepper is not IResumable resumable)
                    throw new NotSupportedException($"Stepper {stepper.Name} cannot restore a saved state.");
                resumable.RestoreState(saved.StepperState);
                from = saved.Position;
            }
            else
            {
                stepper.Problem.InitialPoint.CopyTo(w);
            }
            var saver = saves?.Start(m, stepper as IResumable, () => recorder.Snapshots.ToArray());
            var memberProgress = progress is null ? null : new SharedProgress(progress, totalSteps);
            results[m] = TrajectoryRunner.Run(stepper, w, recorder, memberProgress, cancellationToken, saver, from, newClock?.Invoke());
            trajectories[m] = recorder.Snapshots.ToArray();
            saves?.End(m, results[m], trajectories[m]);
        });
        double[] times = newClock is null ? [.. records.Select(s => s * timePerStep)] : newClock().TimesAt(records);
        return new EnsembleResult(results, trajectories, new EnsembleAggregate(trajectories, records, times));
    }

    /// <summary>Turns one member's step count into increments of a shared total.</summary>
    private sealed class SharedProgress(IProgress<long> target, long[] total) : IProgress<long>
    {
        private long _last;

        public void Report(long value)
        {
            long sum = Interlocked.Add(ref total[0], value - _last);
            _last = value;
            target.Report(sum);
        }
    }
}
