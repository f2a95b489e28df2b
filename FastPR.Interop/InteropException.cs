namespace FastPR.Interop;

/// <summary>A failure of the boundary itself (handles, buffers, concurrent use) that carries its own status code.</summary>
internal sealed class InteropException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
