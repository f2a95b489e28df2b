namespace FastPR.Cli;

/// <summary>The process exit codes of <c>fastpr</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>A check failed (<c>fastpr verify</c>) or a run-time error occurred (I/O, internal).</summary>
    public const int Failure = 1;
    /// <summary>Invalid command line or input: nothing was run and no file was written.</summary>
    public const int BadInput = 2;
    /// <summary>The run diverged; the partial trajectory was written.</summary>
    public const int Diverged = 3;
    /// <summary>MKL was required but cannot be loaded.</summary>
    public const int MklUnavailable = 4;
    /// <summary>
    /// Interrupted by Ctrl-C (128 + SIGINT); files were written consistently and marked "interrupted". SIGTERM and SIGHUP take the
    /// same path and exit with 143 and 129 (see <see cref="ShutdownSignals"/>).
    /// </summary>
    public const int Interrupted = 130;
}
