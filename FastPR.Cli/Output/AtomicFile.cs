namespace FastPR.Cli.Output;

/// <summary>
/// Writes a file under a temporary name in the same directory, flushes it to disk, then renames it over the target, so a crash
/// never leaves a truncated file under the real name.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = TempFor(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> under a temporary name beside <paramref name="path"/>, flushed to disk, for a later
    /// <see cref="Staged.Commit"/>; disposing an uncommitted one removes it. Several staged files commit in the order chosen.
    /// </summary>
    public static Staged Stage(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        string temp = TempFor(full);
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return new Staged(temp, full);
    }

    /// <summary>A file written under a temporary name, renamed over its target by <see cref="Commit"/>.</summary>
    public sealed class Staged(string temp, string target) : IDisposable
    {
        private bool _committed;

        /// <summary>Renames the temporary file over the target.</summary>
        public void Commit()
        {
            File.Move(temp, target, overwrite: true);
            _committed = true;
        }

        /// <summary>Removes the temporary file unless committed.</summary>
        public void Dispose()
        {
            if (!_committed) TryDelete(temp);
        }
    }

    /// <summary>Writes UTF-8 text (no byte-order mark).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Writes bytes.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    // ".name.pid.guid.tmp": hidden, never mistaken for the real file, and removed by the next owner of the folder (RunFolder).
    private static string TempFor(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Leave it: a stray ".tmp" never looks like a finished file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
