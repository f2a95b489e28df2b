namespace FastPR.Cli.Output;

/// <summary>Checks an output directory before any work, creating nothing, so bad input leaves no trace.</summary>
internal static class OutputDirectory
{
    /// <summary>
    /// Throws <see cref="UsageException"/> for <paramref name="option"/> when <paramref name="path"/> is a file, lies under a file,
    /// or its nearest existing ancestor does not accept new files. Returns the full path.
    /// </summary>
    public static string Check(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException(option, "the output directory must not be empty.");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException(option, $"'{path}' is not a valid path ({ex.Message}).");
        }
        if (File.Exists(full)) throw new UsageException(option, $"'{path}' exists and is a file, not a directory.");
        string? existing = full;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new UsageException(option, $"'{path}' is not writable: '{existing}' is a file.");
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) throw new UsageException(option, $"'{path}' is not writable: no existing parent directory.");
        ProbeWritable(existing, path, option);
        return full;
    }

    private static void ProbeWritable(string directory, string path, string option)
    {
        string probe = Path.Combine(directory, $".fastpr-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(option, $"'{path}' is not writable ({ex.Message}).");
        }
    }
}
