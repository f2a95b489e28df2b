using FastPR.Core;

namespace FastPR.Interop;

/// <summary>A checkpoint file of fastpr_simulate_options: written atomically (temporary file, flush, rename), read to resume.</summary>
internal static class CheckpointFile
{
    /// <summary>Checkpoint options that save to <paramref name="path"/> every <paramref name="seconds"/> (null: only when cancelled) and resume <paramref name="resumeFrom"/>.</summary>
    public static CheckpointOptions Options(string? path, double? seconds, SimulationCheckpoint? resumeFrom)
    {
        if (seconds is double every && (!double.IsFinite(every) || every <= 0))
            throw new ArgumentException($"checkpoint_every must be finite and > 0 seconds (got {every}).", "checkpoint_every");
        if (seconds is not null && path is null) throw new ArgumentException("checkpoint_every needs checkpoint, the file to write.", "checkpoint_every");
        return new CheckpointOptions
        {
            Every = seconds is double s ? TimeSpan.FromSeconds(s) : null,
            ResumeFrom = resumeFrom,
            Write = path is null ? null : checkpoint => Write(path, checkpoint.ToBytes()),
        };
    }

    /// <summary>The checkpoint in <paramref name="path"/>; a missing or unreadable file is an argument error for "resume".</summary>
    public static SimulationCheckpoint Read(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"resume: no checkpoint file '{path}' (the run there has ended, or never saved one).", "resume");
        try
        {
            return SimulationCheckpoint.FromBytes(File.ReadAllBytes(path));
        }
        catch (CheckpointException ex)
        {
            throw new ArgumentException($"resume: cannot resume '{path}': {ex.Message}", "resume");
        }
    }

    /// <summary>Removes the checkpoint of a run that has ended (nothing is left to continue).</summary>
    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale checkpoint is refused on resume with "the run has ended"; not worth failing a finished run.
        }
    }

    private static void Write(string path, byte[] bytes)
    {
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } directory) Directory.CreateDirectory(directory);
        string temporary = full + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, full, overwrite: true);
    }
}
