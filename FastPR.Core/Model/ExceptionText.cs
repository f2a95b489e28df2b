namespace FastPR.Core;

/// <summary>
/// An exception's message as a one-line report shows it: the CLI's stderr and libfastpr's last error share these, so both read
/// the same. Core's argument messages already name the parameter (<see cref="Guard"/>).
/// </summary>
public static class ExceptionText
{
    /// <summary>Collapses a message onto one line.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The message's first line without the "(Parameter 'x')" suffix .NET appends (which only repeats the name).</summary>
    public static string WithoutParameterSuffix(ArgumentException exception)
    {
        string message = exception.Message;
        int newline = message.IndexOfAny(['\r', '\n']);
        if (newline >= 0) message = message[..newline];
        string suffix = $" (Parameter '{exception.ParamName}')";
        if (message.EndsWith(suffix, StringComparison.Ordinal)) message = message[..^suffix.Length];
        return message;
    }
}
