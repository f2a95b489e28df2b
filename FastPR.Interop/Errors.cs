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
        InteropException e => (e.Status, OneLine(e.Message)),
        MklNotFoundException e => (Status.MklNotFound, OneLine(e.Message)),
        MklException e => (Status.Mkl, OneLine(e.Message)),
        ArgumentException e => (Status.Argument, Argument(e)),
        OutOfMemoryException => (Status.Internal, "out of memory"),
        _ => (Status.Internal, $"{exception.GetType().Name}: {OneLine(exception.Message)}"),
    };

    // Core names the parameter in its message ("LearningRate must be finite and > 0 (got NaN)."); .NET's own suffix
    // "(Parameter 'x')" and its "Actual value was" line only repeat it.
    private static string Argument(ArgumentException exception)
    {
        string message = exception.Message;
        int newline = message.IndexOfAny(['\r', '\n']);
        if (newline >= 0) message = message[..newline];
        string suffix = $" (Parameter '{exception.ParamName}')";
        if (message.EndsWith(suffix, StringComparison.Ordinal)) message = message[..^suffix.Length];
        return OneLine(message);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
