using System.Globalization;
using System.Text.Json;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// The output folder of one run, owned by this process for the run's whole life: an exclusive lock on DIR/.fastpr.lock (flock on
/// Linux and macOS, a share-none handle on Windows; the system drops it when the process dies, even by SIGKILL), so a second
/// writer is refused at once and touches nothing. The run's live state is DIR/run.json (<see cref="RunState"/>), never
/// summary.json, so a run that fails or is refused leaves the previous results whole.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    public const string LockFile = ".fastpr.lock";
    public const string StateFile = "run.json";

    private readonly FileStream _lock;
    private RunState? _state;
    private Task? _starting; // the first write of run.json (Start); every later write and the release of the lock wait for it

    private RunFolder(string path, bool created, FileStream lockStream)
    {
        Path = path;
        Created = created;
        _lock = lockStream;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Whether this run created the folder.</summary>
    public bool Created { get; }

    /// <summary>
    /// Takes the folder <paramref name="directory"/> (created if needed), or throws <see cref="UsageException"/> for
    /// <paramref name="option"/> when another process holds it. Temporary files left by a killed writer are removed.
    /// </summary>
    public static RunFolder Acquire(string directory, string option)
    {
        bool created = !Directory.Exists(directory);
        Directory.CreateDirectory(directory);
        FileStream stream;
        try
        {
            stream = new FileStream(System.IO.Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string owner = ReadState(directory) is { } state ? $" (run {state.RunId}, process {state.Pid} on {state.Host}, since {state.Started})" : "";
            throw new UsageException(option, $"'{directory}' is in use by another fastpr run{owner}; wait for it to end or choose another folder.");
        }
        RemoveTemporaries(directory);
        return new RunFolder(directory, created, stream);
    }

    /// <summary>The run state in <paramref name="directory"/>, or null when there is none or it cannot be read.</summary>
    public static RunState? ReadState(string directory)
    {
        try
        {
            string path = System.IO.Path.Combine(directory, StateFile);
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), SummaryJson.Context.RunState) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records that the run <paramref name="runId"/> of <paramref name="spec"/> has started (or resumed at <paramref name="resumedFrom"/>).
    /// The state names the environment, which waits for MKL's load (<see cref="EnvironmentReport"/>), and is flushed to disk: both
    /// happen on a thread of their own, so the run starts at once. <see cref="Started"/> reports whether the write succeeded.
    /// </summary>
    public void Start(SimulationSpec spec, string runId, double? resumedFrom)
    {
        string now = Now();
        string message = resumedFrom is double t
            ? string.Create(CultureInfo.InvariantCulture, $"resumed from t = {t:G6} at {now}")
            : $"started at {now}";
        var parameters = SummaryJson.Parameters(spec);
        _starting = Task.Factory.StartNew(() =>
        {
            _state = new RunState(RunState.SchemaName, runId, RunState.Running, message, Environment.ProcessId, Environment.MachineName, now, now,
                resumedFrom, spec.Horizon, parameters, EnvironmentReport.Get());
            Write();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Waits for the state written by <see cref="Start"/>; throws what the write threw (a full disk, say).</summary>
    public void Started() => _starting?.GetAwaiter().GetResult();

    /// <summary>Records progress: the time reached by the last checkpoint.</summary>
    public void Progress(double t)
    {
        if (!WaitStarted() || _state is null) return;
        _state = _state with { T = t, Updated = Now() };
        TryWrite();
    }

    /// <summary>Records how the run ended: completed, interrupted, diverged, or failed with <paramref name="message"/>.</summary>
    public void End(string status, string? message, double? t)
    {
        WaitStarted(); // a failed first write is retried here
        if (_state is null) return;
        _state = _state with { Status = status, Message = message ?? _state.Message, T = t ?? _state.T, Updated = Now() };
        TryWrite();
    }

    /// <summary>
    /// Undoes the start of a run that produced nothing (a missing library, say): the state file goes, and the folder too when this run
    /// created it and nothing else is in it.
    /// </summary>
    public void Abandon()
    {
        WaitStarted();
        _state = null;
        try
        {
            File.Delete(System.IO.Path.Combine(Path, StateFile));
            if (Created && Directory.EnumerateFileSystemEntries(Path).All(e => System.IO.Path.GetFileName(e) == LockFile))
            {
                _lock.Dispose();
                File.Delete(System.IO.Path.Combine(Path, LockFile));
                Directory.Delete(Path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error is the one to report.
        }
    }

    /// <summary>Releases the lock, once the state is written.</summary>
    public void Dispose()
    {
        WaitStarted();
        _lock.Dispose();
    }

    // Whether the first write succeeded; a failure is the caller's to report through Started.
    private bool WaitStarted()
    {
        try
        {
            _starting?.Wait();
            return true;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private void Write() => AtomicFile.WriteAllText(System.IO.Path.Combine(Path, StateFile), JsonSerializer.Serialize(_state!, SummaryJson.Context.RunState) + "\n");

    // A state that cannot be written (disk full) must not end a run whose results may still fit: the exit code and stderr say it.
    private void TryWrite()
    {
        try
        {
            Write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    // Under the lock no other writer exists, so every ".name.pid.guid.tmp" of AtomicFile here is a killed writer's.
    private static void RemoveTemporaries(string directory)
    {
        foreach (string file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
