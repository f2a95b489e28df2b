namespace FastPR.Core;

/// <summary>How a verification check ended.</summary>
public enum VerificationStatus
{
    /// <summary>The deviation is within the tolerance.</summary>
    Passed,
    /// <summary>The deviation exceeds the tolerance.</summary>
    Failed,
    /// <summary>Not run (e.g. MKL is not available); see <see cref="VerificationCheck.Note"/>.</summary>
    Skipped,
}

/// <summary>One comparison of <see cref="VerificationSuite"/>: what was compared, the deviation found and the tolerance.</summary>
/// <param name="Name">What is compared, e.g. "reference vs mkl, 1 step".</param>
/// <param name="Setting">The sizes used, e.g. "d = 500, B = 8, σ = 0.5".</param>
/// <param name="Measure">What the deviation measures, e.g. "max|Δw|/‖w‖∞" or "|Δmean|/SE".</param>
/// <param name="Deviation">The deviation found (NaN when skipped).</param>
/// <param name="Tolerance">The largest deviation that passes.</param>
/// <param name="Status">Passed, failed or skipped.</param>
/// <param name="Note">Why it was skipped, or extra detail.</param>
public sealed record VerificationCheck(string Name, string Setting, string Measure, double Deviation, double Tolerance, VerificationStatus Status, string? Note = null)
{
    /// <summary>A check that passes when <paramref name="deviation"/> ≤ <paramref name="tolerance"/> (NaN fails).</summary>
    public static VerificationCheck Compare(string name, string setting, string measure, double deviation, double tolerance, string? note = null) =>
        new(name, setting, measure, deviation, tolerance, deviation <= tolerance ? VerificationStatus.Passed : VerificationStatus.Failed, note);

    /// <summary>A check that could not run.</summary>
    public static VerificationCheck Skip(string name, string setting, string measure, double tolerance, string reason) =>
        new(name, setting, measure, double.NaN, tolerance, VerificationStatus.Skipped, reason);
}
