namespace FastPR.Cli;

/// <summary>The command words that run fastpr from anywhere: absolute paths, for job scripts.</summary>
internal static class FastprExecutable
{
    /// <summary>
    /// This fastpr: the running binary (the apphost or the NativeAOT build), or, under <c>dotnet fastpr.dll</c>, the dotnet host
    /// and the dll.
    /// </summary>
    public static IReadOnlyList<string> Current()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running fastpr is unknown; pass --executable.");
        return IsDotnetHost(process) ? [process, Path.Combine(AppContext.BaseDirectory, "fastpr.dll")] : [process];
    }

    /// <summary>
    /// The words for <paramref name="given"/>, a path to a fastpr binary or to fastpr.dll (then run by the dotnet host running
    /// this process, or the first dotnet on PATH); throws <see cref="UsageException"/> for --executable when it is not a file.
    /// </summary>
    public static IReadOnlyList<string> From(string given)
    {
        string full = Path.GetFullPath(given);
        if (!File.Exists(full)) throw new UsageException("executable", $"'{given}' is not a file; give the path of the fastpr binary or of fastpr.dll.");
        if (!full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) return [full];
        string? host = Environment.ProcessPath is { } process && IsDotnetHost(process) ? process : OnPath("dotnet");
        return host is null ? throw new UsageException("executable", $"'{given}' needs the dotnet host, which is not on PATH.") : [host, full];
    }

    private static bool IsDotnetHost(string path) => Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists) is { } found ? Path.GetFullPath(found) : null;
}
