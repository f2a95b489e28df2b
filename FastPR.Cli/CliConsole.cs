namespace FastPR.Cli;

/// <summary>
/// Everything a command may touch outside its arguments: the two output streams, whether they are terminals, the environment
/// and the cancellation token. Tests pass string writers and a dictionary; <see cref="FromSystem"/> binds the real process.
/// </summary>
/// <param name="Out">Results (tables, JSON, scripts).</param>
/// <param name="Error">Diagnostics and progress.</param>
/// <param name="OutIsTerminal">Whether <paramref name="Out"/> is an interactive terminal (enables colour).</param>
/// <param name="ErrorIsTerminal">Whether <paramref name="Error"/> is an interactive terminal (enables the progress bar).</param>
/// <param name="GetEnvironmentVariable">Environment lookup (Slurm variables).</param>
/// <param name="Cancellation">Signalled by Ctrl-C, SIGTERM or SIGHUP.</param>
internal sealed record CliConsole(
    TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal,
    Func<string, string?> GetEnvironmentVariable, CancellationToken Cancellation)
{
    /// <summary>The exit code of a run stopped by <see cref="Cancellation"/>: 128 + the signal's number.</summary>
    public Func<int> InterruptedExitCode { get; init; } = static () => ExitCodes.Interrupted;

    /// <summary>The process's console and environment.</summary>
    public static CliConsole FromSystem(CancellationToken cancellation) =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected, Environment.GetEnvironmentVariable, cancellation);

    /// <summary>A console for tests and embedding: no terminals, the given environment.</summary>
    public static CliConsole Captured(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellation = default) =>
        new(output, error, false, false, name => environment is not null && environment.TryGetValue(name, out var value) ? value : null, cancellation);
}
