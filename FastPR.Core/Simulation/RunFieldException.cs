namespace FastPR.Core;

/// <summary>A value that is not one of its <see cref="RunField"/>'s type; <see cref="ArgumentException.ParamName"/> is the field's name.</summary>
public sealed class RunFieldException : ArgumentException
{
    /// <summary>A bad value of the field <paramref name="field"/>, with a one-line <paramref name="message"/>.</summary>
    public RunFieldException(string field, string message) : base(message, field)
    {
    }

    /// <summary>Not used: a field is always named.</summary>
    public RunFieldException() : base()
    {
    }

    /// <summary>Not used: a field is always named.</summary>
    public RunFieldException(string message) : base(message)
    {
    }

    /// <summary>Not used: a field is always named.</summary>
    public RunFieldException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
