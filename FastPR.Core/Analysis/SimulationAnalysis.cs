namespace FastPR.Core;

/// <summary>
/// What the theory says about a problem and how a recorded trajectory compares with it: the theory summary, the phase
/// boundaries, the Phase I escape-rate fit, the Phase IIb residual-decay fit and the Phase III prediction where reached.
/// This is the one place the simulation layer touches the theory (Theory/ and Analysis/).
/// </summary>
/// <param name="Theory">λ_1, H_{d,a}, σ*², u(0), ρ_true, c, predicted T1, cutoff time.</param>
/// <param name="Phases">T1, |u| = 1/2, T1′, T2(ε) and the start of Phase III, detected on the trajectory.</param>
/// <param name="Escape">Fit of ln|u| on t over Phase I (t &gt; 0, s ≤ 0.01·s*, |u| ≤ δ·s*), compared with ρ_true and |c|; null with too few points.</param>
/// <param name="ResidualDecay">Fit of 1 − |u| against t over Phase IIb, beside the tail-sum and teacher-averaged predictions; null when not reached.</param>
/// <param name="PhaseThree">The Phase III prediction from the state where Phase III began; null when not reached or no state was kept.</param>
/// <param name="FinalDecay">Exponential fit of the MSE over the last half of the run (<see cref="FinalDecay"/>); null with too few points.</param>
public sealed record SimulationAnalysis(
    TheorySummary Theory, PhaseBoundaries Phases, ExponentialFit? Escape, ResidualDecayReport? ResidualDecay, PhaseThreeCurve? PhaseThree,
    ExponentialFit? FinalDecay = null)
{
    /// <summary>s below this fraction of s* counts as "s ≈ 0" for the Phase I fit (the window of docs/MODEL.md §4: s &lt; 0.01).</summary>
    public const double EscapeFitMaxS = 0.01;

    /// <summary>The phase-detector settings for a problem and ε.</summary>
    public static PhaseOptions PhaseOptionsFor(Problem problem, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new PhaseOptions { Epsilon = epsilon, SStar = problem.SStar };
    }

    /// <summary>A capture that keeps the state where Phase III begins.</summary>
    internal static PhaseThreeCapture CreateCapture(Problem problem, double epsilon)
    {
        var options = PhaseOptionsFor(problem, epsilon);
        return new PhaseThreeCapture(problem.Dimension, options.SStar, options.PhaseThreeTolerance);
    }

    /// <summary>Phase boundaries of one trajectory (empty trajectories give all nulls).</summary>
    public static PhaseBoundaries DetectPhases(Problem problem, ReadOnlySpan<Snapshot> trajectory, double epsilon) =>
        PhaseDetector.Detect(trajectory, PhaseOptionsFor(problem, epsilon));

    /// <summary>Analyses <paramref name="trajectory"/> (one run or an ensemble mean) of <paramref name="problem"/>.</summary>
    public static SimulationAnalysis Analyze(Problem problem, ReadOnlySpan<Snapshot> trajectory, double epsilon) => Analyze(problem, trajectory, epsilon, null);

    /// <summary>As above, with the Phase III prediction started from the state a run's capture kept.</summary>
    internal static SimulationAnalysis Analyze(Problem problem, ReadOnlySpan<Snapshot> trajectory, double epsilon, PhaseThreeCapture? capture)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var options = PhaseOptionsFor(problem, epsilon);
        var theory = TheorySummary.For(problem);
        var phases = PhaseDetector.Detect(trajectory, options);
        return new SimulationAnalysis(theory, phases, FitEscape(trajectory, options), Core.ResidualDecay.Fit(problem, trajectory),
            PhaseThreeFrom(problem, trajectory, phases, capture), Core.FinalDecay.Fit(problem, trajectory));
    }

    private static ExponentialFit? FitEscape(ReadOnlySpan<Snapshot> trajectory, PhaseOptions options)
    {
        // Phase I is the prefix before |u| passes δ·s* or s leaves 0; later records are not on the exponential.
        int end = 0;
        while (end < trajectory.Length && Math.Abs(trajectory[end].U) <= options.EscapeThreshold * options.SStar &&
               trajectory[end].S <= EscapeFitMaxS * options.SStar)
        {
            end++;
        }
        if (end < 3) return null;
        var t = new double[end];
        var y = new double[end];
        for (int k = 0; k < end; k++)
        {
            t[k] = trajectory[k].Time;
            y[k] = Math.Abs(trajectory[k].U);
        }
        return ExponentialFit.Fit(t, y, 0, t[^1]);
    }

    private static PhaseThreeCurve? PhaseThreeFrom(Problem problem, ReadOnlySpan<Snapshot> trajectory, PhaseBoundaries phases, PhaseThreeCapture? capture)
    {
        if (capture is null || !capture.HasState || phases.PhaseThree is null) return null;
        var prediction = new PhaseThreePrediction(problem, capture.State, capture.Time);
        var times = new List<double>();
        var predicted = new List<double>();
        var measured = new List<double>();
        foreach (var snapshot in trajectory)
        {
            if (snapshot.Time < capture.Time) continue;
            times.Add(snapshot.Time);
            predicted.Add(prediction.Mse(snapshot.Time));
            measured.Add(snapshot.Mse);
        }
        return new PhaseThreeCurve(capture.Time, prediction.StartMse, times.ToArray(), predicted.ToArray(), measured.ToArray()) { Prediction = prediction };
    }
}
