namespace FastPR.Cli;

/// <summary>Bad input detected by the command line itself (not by Core): reported as one line naming the option, exit code 2.</summary>
/// <param name="option">The option without dashes, e.g. "out", or null when no single option is to blame.</param>
/// <param name="message">What is wrong and what is allowed.</param>
internal sealed class UsageException(string? option, string message) : Exception(message)
{
    /// <summary>The option without dashes, or null.</summary>
    public string? Option { get; } = option;
}
