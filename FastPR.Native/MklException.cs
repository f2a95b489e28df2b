namespace FastPR.Native;

/// <summary>An MKL call returned a failure status. The message names the call, the status and, when known, the status's MKL name.</summary>
public sealed class MklException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="call">The MKL function (with arguments where they matter), e.g. <c>vslNewStream</c>.</param>
    /// <param name="status">The status it returned.</param>
    public MklException(string call, int status)
        : base(WithHandlerMessage(MklStatus.Describe(call, status)))
    {
        Call = call;
        Status = status;
    }

    // A setting FastPR would pass to MKL was refused before the call, with MKL's status for that refusal.
    internal MklException(string call, int status, string message)
        : base(message)
    {
        Call = call;
        Status = status;
    }

    // What MKL's error handler kept for this thread (it no longer prints to stdout), e.g. which parameter was wrong.
    private static string WithHandlerMessage(string description) =>
        MklErrorHandler.TakeLast() is string kept ? $"{description.TrimEnd('.')} (MKL: {kept})." : description;

    /// <summary>The MKL function that failed.</summary>
    public string Call { get; }

    /// <summary>The status it returned (VSL: negative error code; CBWR: MKL_CBWR_ERR_*; layer setters: the layer actually in force).</summary>
    public int Status { get; }
}
