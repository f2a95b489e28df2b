using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// The checkpoint file of a run folder: written atomically (temporary file, fsync, rename) while the run goes on and when it is
/// interrupted, read by <c>--resume</c>, and removed once the run has ended, when there is nothing left to continue.
/// </summary>
internal static class RunCheckpoint
{
    public const string FileName = "checkpoint.bin";

    /// <summary>Default seconds between checkpoints.</summary>
    public const double DefaultSeconds = 300;

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>
    /// Options that write checkpoints of the run in <paramref name="directory"/> every <paramref name="seconds"/> (0: only on
    /// interruption) and continue <paramref name="resumeFrom"/>. A failed write is reported once on stderr and the run goes on:
    /// losing a checkpoint costs less than losing the run.
    /// </summary>
    public static CheckpointOptions Options(CliConsole console, string directory, double seconds, SimulationCheckpoint? resumeFrom,
        IReadOnlyDictionary<string, string>? labels = null, Action<SimulationCheckpoint>? written = null) =>
        Options(console.Error, directory, seconds, resumeFrom, labels, written);

    /// <summary>
    /// As above, warning on <paramref name="error"/>; the directory is created at the first write. Each checkpoint carries
    /// <paramref name="labels"/> (the run's identity, the inputs' provenance), and <paramref name="written"/> hears of each one saved.
    /// </summary>
    public static CheckpointOptions Options(TextWriter error, string directory, double seconds, SimulationCheckpoint? resumeFrom,
        IReadOnlyDictionary<string, string>? labels = null, Action<SimulationCheckpoint>? written = null)
    {
        string path = PathIn(directory);
        int warned = 0;
        return new CheckpointOptions
        {
            Every = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
            ResumeFrom = resumeFrom,
            Write = checkpoint =>
            {
                try
                {
                    Directory.CreateDirectory(directory);
                    var labelled = labels is null ? checkpoint : checkpoint with { Labels = labels };
                    AtomicFile.WriteAllBytes(path, labelled.ToBytes());
                    written?.Invoke(labelled);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    if (Interlocked.Exchange(ref warned, 1) == 0)
                        error.WriteLine($"fastpr: warning: could not write the checkpoint {path}: {ExceptionText.OneLine(ex.Message)}");
                }
            },
        };
    }

    /// <summary>
    /// Reads the checkpoint of <paramref name="directory"/> for <c>--resume</c>; a missing, foreign, corrupted or other-version file is
    /// bad input (a <see cref="UsageException"/> for "resume" saying why).
    /// </summary>
    public static SimulationCheckpoint Read(string directory, string given)
    {
        string path = PathIn(directory);
        if (!File.Exists(path))
        {
            string why = File.Exists(Path.Combine(directory, RunOutputs.SummaryFile)) ? "the run there has ended or never saved one" : "no run there";
            throw new UsageException("resume", $"'{given}' holds no {FileName} ({why}).");
        }
        try
        {
            return SimulationCheckpoint.FromBytes(File.ReadAllBytes(path));
        }
        catch (CheckpointException ex)
        {
            throw new UsageException("resume", $"cannot resume '{given}': {ex.Message}");
        }
    }

    /// <summary>
    /// The checkpoint in <paramref name="directory"/> for a sweep point: (null, null) when there is none, (checkpoint, null) when
    /// this FastPR can continue it for <paramref name="spec"/>, else (null, why not) — another build's, corrupted, or another run's.
    /// </summary>
    public static (SimulationCheckpoint? Checkpoint, string? Problem) TryRead(string directory, SimulationSpec spec)
    {
        string path = PathIn(directory);
        try
        {
            if (!File.Exists(path)) return (null, null);
            var checkpoint = SimulationCheckpoint.FromBytes(File.ReadAllBytes(path));
            return checkpoint.Mismatch(spec) is { } mismatch ? (null, mismatch) : (checkpoint, null);
        }
        catch (Exception ex) when (ex is CheckpointException or IOException or UnauthorizedAccessException)
        {
            return (null, ExceptionText.OneLine(ex.Message));
        }
    }

    /// <summary>Removes the checkpoint of a run that has ended.</summary>
    public static void Remove(string directory)
    {
        try
        {
            File.Delete(PathIn(directory));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale checkpoint is refused on resume by nothing worse than "the run has ended"; not worth failing the run.
        }
    }
}
