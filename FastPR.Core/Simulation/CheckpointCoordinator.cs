using System.Diagnostics;

namespace FastPR.Core;

/// <summary>
/// Collects the members' saved states into checkpoints. When one is due, each running member saves at its next piece boundary,
/// on its own thread (a stream is never touched by another); once every running member has, the checkpoint is written. Members
/// not running keep their last state: not started, finished, or as restored from the checkpoint being resumed.
/// </summary>
internal sealed class CheckpointCoordinator
{
    private readonly object _gate = new();
    private readonly SimulationSpec _spec;
    private readonly EngineKind _engine;
    private readonly GaussianSourceKind _gaussians;
    private readonly double _wallBefore;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Action<SimulationCheckpoint>? _write;
    private readonly CancellationToken _cancellation;
    private readonly SavedMember[] _members;
    private readonly bool[] _active;
    private readonly long[] _savedFor;
    private readonly long _interval; // Stopwatch ticks; long.MaxValue: never due
    private long _nextDue;
    private long _requested;
    private long _written;
    private SavedCapture? _capture;

    public CheckpointCoordinator(SimulationSpec spec, EngineKind engine, GaussianSourceKind gaussians, CheckpointOptions? options, CancellationToken cancellation)
    {
        _spec = spec;
        _engine = engine;
        _gaussians = gaussians;
        _write = options?.Write;
        _cancellation = cancellation;
        var resume = options?.ResumeFrom;
        _wallBefore = resume?.WallSeconds ?? 0;
        _capture = resume?.Capture;
        _members = resume is null ? Enumerable.Repeat(SavedMember.NotStarted, spec.Seeds).ToArray() : resume.Members.ToArray();
        _active = new bool[spec.Seeds];
        _savedFor = new long[spec.Seeds];
        _interval = _write is not null && options?.Every is TimeSpan every && every > TimeSpan.Zero
            ? Math.Max(1, (long)Math.Min(long.MaxValue / 2, every.TotalSeconds * Stopwatch.Frequency)) : long.MaxValue;
        _nextDue = _interval == long.MaxValue ? long.MaxValue : Stopwatch.GetTimestamp() + _interval;
    }

    /// <summary>Whether checkpoints are written at all.</summary>
    public bool Saves => _write is not null;

    /// <summary>Wall-clock seconds over all sessions.</summary>
    public double WallSeconds => _wallBefore + _clock.Elapsed.TotalSeconds;

    /// <summary>The held Phase III state of a deterministic run, read on the run's thread when it saves.</summary>
    public Func<SavedCapture?>? Capture { get; set; }

    /// <summary>Member m's saved state (from the resumed checkpoint, or not started).</summary>
    public SavedMember Member(int m) => _members[m];

    /// <summary>A saver for member <paramref name="m"/>, which starts running now.</summary>
    public IRunSaver Start(int m, IResumable? stepper, Func<Snapshot[]> snapshots)
    {
        lock (_gate) _active[m] = true;
        return new MemberSaver(this, m, stepper, snapshots);
    }

    /// <summary>Member m stopped: a completed or diverged one is final; an interrupted one keeps the state it saved when it stopped.</summary>
    public void End(int m, RunResult result, Snapshot[] snapshots)
    {
        lock (_gate)
        {
            if (result.Status != RunStatus.Interrupted) _members[m] = SavedMember.Finished(result, snapshots);
            _active[m] = false;
            WriteIfCompleteLocked();
        }
    }

    /// <summary>The checkpoint as it stands (after the run: what an interrupted run continues from).</summary>
    public SimulationCheckpoint Current()
    {
        lock (_gate) return BuildLocked();
    }

    /// <summary>Writes <see cref="Current"/> when saving is on.</summary>
    public void WriteNow()
    {
        if (_write is not null) _write(Current());
    }

    private bool IsDue(int m)
    {
        long now = Stopwatch.GetTimestamp();
        if (now >= Volatile.Read(ref _nextDue))
        {
            lock (_gate)
            {
                // No new request while one is still being gathered: with an interval shorter than a piece, concurrent members
                // would otherwise each raise the request at their own boundary, the others always one behind, and none written.
                if (now >= _nextDue && _written >= _requested)
                {
                    _requested++;
                    _nextDue = now + _interval;
                }
            }
        }
        return Volatile.Read(ref _savedFor[m]) < Volatile.Read(ref _requested);
    }

    private void Save(int m, SavedMember member, SavedCapture? capture)
    {
        lock (_gate)
        {
            _members[m] = member;
            _savedFor[m] = _requested;
            if (Capture is not null) _capture = capture;
            WriteIfCompleteLocked();
        }
    }

    private void WriteIfCompleteLocked()
    {
        if (_write is null || _written >= _requested || _cancellation.IsCancellationRequested) return;
        for (int m = 0; m < _members.Length; m++)
        {
            if (_active[m] && _savedFor[m] < _requested) return;
        }
        _written = _requested;
        _write(BuildLocked());
    }

    private SimulationCheckpoint BuildLocked() =>
        new(SimulationCheckpoint.CurrentVersion, _spec, _engine, _gaussians, WallSeconds, _members.ToArray(), _capture);

    private sealed class MemberSaver(CheckpointCoordinator owner, int member, IResumable? stepper, Func<Snapshot[]> snapshots) : IRunSaver
    {
        public bool IsDue => owner._write is not null && owner.IsDue(member);

        public void Save(in RunPosition position, ReadOnlySpan<double> w)
        {
            if (owner._write is null) return;
            var saved = SavedMember.Running(position, w.ToArray(), stepper?.SaveState() ?? [], snapshots());
            owner.Save(member, saved, owner.Capture?.Invoke());
        }
    }
}
