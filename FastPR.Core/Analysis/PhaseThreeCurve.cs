namespace FastPR.Core;

/// <summary>
/// The Phase III prediction MSE(t0 + τ) ≈ MSE(t0)·Σ_i π_i e^{−16 s* λ_i τ} (docs/MODEL.md §4), started from the recorded state at the
/// first record of Phase III, evaluated at that and every later record.
/// </summary>
/// <param name="StartTime">t0: the record whose state seeds the prediction (the detected start of Phase III, a record).</param>
/// <param name="StartMse">MSE(t0).</param>
/// <param name="Times">Record times ≥ t0.</param>
/// <param name="PredictedMse">Predicted MSE at <paramref name="Times"/>.</param>
/// <param name="MeasuredMse">Recorded MSE at <paramref name="Times"/>.</param>
public sealed record PhaseThreeCurve(double StartTime, double StartMse, double[] Times, double[] PredictedMse, double[] MeasuredMse)
{
    /// <summary>The prediction itself, to evaluate between records (at the cutoff time).</summary>
    internal PhaseThreePrediction? Prediction { get; init; }
}
