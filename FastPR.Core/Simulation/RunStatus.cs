namespace FastPR.Core;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>All steps were taken.</summary>
    Completed,
    /// <summary>The state or loss became non-finite.</summary>
    Diverged,
    /// <summary>Cancellation was requested.</summary>
    Interrupted,
}
