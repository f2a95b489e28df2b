namespace FastPR.Core;

/// <summary>
/// The Phase III law at one chosen time (the cutoff 1/(8λ_min), or the end of the run) beside the measured MSE there.
/// </summary>
/// <param name="Time">Where the law is evaluated.</param>
/// <param name="StateTime">The record whose state the law starts from (the start of Phase III).</param>
/// <param name="Predicted">MSE(t0)·Σ π_i e^{−16 s* λ_i τ} from that state's own error profile π.</param>
/// <param name="Isotropic">MSE(t0)·S_d(τ): the same law with every π_i = 1/d, which does not use the run's error profile.</param>
/// <param name="Measured">The recorded MSE at <paramref name="Time"/> (log–log interpolated between records); null when the run ended before it.</param>
/// <param name="Records">Where <paramref name="Time"/> sits among the records; null when the run ended before it.</param>
public sealed record PhaseThreeCheck(double Time, double StateTime, double Predicted, double Isotropic, double? Measured, RecordBracket? Records)
{
    /// <summary>The law at <paramref name="time"/> (≥ the state's time), or null without a Phase III prediction.</summary>
    public static PhaseThreeCheck? At(PhaseThreeCurve? curve, Problem problem, ReadOnlySpan<Snapshot> trajectory, double time)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (curve?.Prediction is not { } prediction || !(time >= prediction.StartTime)) return null;
        double tau = time - prediction.StartTime;
        double isotropic = prediction.StartMse * PhaseThreePrediction.IsotropicBenchmark(problem.Spectrum, problem.SStar * tau);
        var records = RecordBracket.Of(trajectory, time);
        return new PhaseThreeCheck(time, prediction.StartTime, prediction.Mse(time), isotropic, records is { } r ? MseAt(trajectory, r) : null, records);
    }

    /// <summary>The MSE at the bracketed time: the record's own, or linear in ln MSE against ln t between the two records.</summary>
    private static double? MseAt(ReadOnlySpan<Snapshot> trajectory, RecordBracket bracket)
    {
        int after = 0;
        while (trajectory[after].Time != bracket.After) after++;
        if (!bracket.Interpolated) return trajectory[after].Mse;
        var a = trajectory[after - 1];
        var b = trajectory[after];
        if (!(a.Mse > 0 && b.Mse > 0 && a.Time > 0)) return null;
        double f = DeterministicMath.Log(bracket.Time / a.Time) / DeterministicMath.Log(b.Time / a.Time);
        return DeterministicMath.Exp(DeterministicMath.Log(a.Mse) + f * DeterministicMath.Log(b.Mse / a.Mse));
    }
}
