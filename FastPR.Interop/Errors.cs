using FastPR.Core;
using FastPR.Native;

namespace FastPR.Interop;

/// <summary>Turns any exception into a status code and a one-line message; nothing thrown ever crosses the C boundary.</summary>
internal static class Errors
{
    /// <summary>Records <paramref name="exception"/> as this thread's last error and returns its status code.</summary>
    public static int Report(Exception exception)
    {
        try
        {
            var (status, message) = Describe(exception);
            LastError.Set(message);
            return status;
        }
        catch
        {
            // Even formatting failed (out of memory): the code alone must still reach the caller.
            return Status.Internal;
        }
    }

    private static (int Status, string Message) Describe(Exception exception) => exception switch
    {
        // A static constructor that failed (MKL's imports load MKL in theirs) wraps the reason.
        TypeInitializationException { InnerException: { } inner } => Describe(inner),
        InteropException e => (e.Status, ExceptionText.OneLine(e.Message)),
        MklNotFoundException e => (Status.MklNotFound, ExceptionText.OneLine(e.Message)),
        MklException e => (Status.Mkl, ExceptionText.OneLine(e.Message)),
        ArgumentException e => (Status.Argument, ExceptionText.OneLine(ExceptionText.WithoutParameterSuffix(e))),
        OutOfMemoryException => (Status.Internal, "out of memory"),
        _ => (Status.Internal, $"{exception.GetType().Name}: {ExceptionText.OneLine(exception.Message)}"),
    };
}
