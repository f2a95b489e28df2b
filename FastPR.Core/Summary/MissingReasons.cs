namespace FastPR.Core;

/// <summary>Why a value of a run is missing, in the words the results table and summary.json's "missing" block share.</summary>
public static class MissingReasons
{
    /// <summary>Whether w(0) already has |u| ≥ δ·s*: there is no Phase I.</summary>
    public static bool StartedEscaped(SimulationResult result)
    {
        var options = result.Analysis.Phases.Options;
        return result.Trajectory.Length > 0 && Math.Abs(result.Trajectory[0].U) >= options.EscapeThreshold * options.SStar;
    }

    /// <summary>Why there is no Phase I fit.</summary>
    public static string EscapeFit(SimulationResult result) =>
        StartedEscaped(result)
            ? $"no escape: |u(0)| = {Format(Math.Abs(result.Trajectory[0].U))} already ≥ δ = {Format(result.Analysis.Phases.Options.EscapeThreshold)}, no Phase I to fit"
            : "no fit: fewer than 3 records in Phase I (s ≤ 0.01·s*, |u| ≤ δ·s*)";

    /// <summary>Why a phase time is missing.</summary>
    public static string NotReached(SimulationResult result) => $"not reached by t = {Format(result.Final?.Time)}";

    /// <summary>Why there is no Phase IIb fit.</summary>
    public static string ResidualFit(SimulationResult result)
    {
        var phases = result.Analysis.Phases;
        if (phases.Convergence is null && phases.SCrossing is null) return $"no fit: Phase IIb not reached by t = {Format(result.Final?.Time)}";
        if (ResidualDecay.Window(result.Problem, result.Trajectory) is not { } window)
        {
            // The window [max(T2 or T1′, 10/λ_1), min(t_end, cutoff/10)] of ResidualDecay is empty: say which end cut it.
            double start = Math.Max((phases.Convergence ?? phases.SCrossing)!.Value, 10 / result.Problem.Spectrum.Lambda1);
            double end = result.Final?.Time ?? 0;
            return start >= end
                ? $"no fit: Phase IIb's window starts at t = {Format(start)} (max(T2 or T1′, 10/λ_1)), after the run's end t = {Format(end)}"
                : $"no fit: Phase IIb's window starts at t = {Format(start)}, after cutoff/10 = {Format(result.Problem.Spectrum.CutoffTime / 10)}";
        }
        return $"no fit: fewer than 3 records in the window t ∈ [{Format(window.Start)}, {Format(window.End)}]";
    }

    /// <summary>Why there is no final decay fit.</summary>
    public const string FinalDecay = "no fit: fewer than 3 records with MSE above 10⁻¹³σ*² in the last half of the run";

    /// <summary>Why there is no Phase III prediction.</summary>
    public static string PhaseThreeLaw(SimulationResult result) =>
        result.Analysis.Phases.PhaseThree is null
            ? $"Phase III not reached by t = {Format(result.Final?.Time)}: no state to start the law from"
            : "no Phase III state kept for this algorithm (SGD ensembles): the law needs one";

    /// <summary>A number as the reasons (and the CLI's results table) show it: 4 significant digits, "–" when missing or not finite.</summary>
    public static string Format(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "–";

    /// <summary>summary.json's "missing" block: the reason for each null among the phases, fits and the Phase III prediction.</summary>
    public static IReadOnlyDictionary<string, string> ForSummary(SimulationResult result)
    {
        var analysis = result.Analysis;
        var phases = analysis.Phases;
        var reasons = new Dictionary<string, string>();
        void Phase(string key, double? value)
        {
            if (value is null) reasons[key] = NotReached(result);
        }
        Phase("phases.t1", phases.Escape);
        Phase("phases.t1_prime", phases.SCrossing);
        Phase("phases.t2", phases.Convergence);
        Phase("phases.t_half", phases.HalfOverlap);
        Phase("phases.phase_three_start", phases.PhaseThree);
        if (analysis.Escape is null) reasons["fits.escape"] = EscapeFit(result);
        if (analysis.ResidualDecay is null) reasons["fits.residual_decay"] = ResidualFit(result);
        if (analysis.FinalDecay is null) reasons["fits.final_decay"] = FinalDecay;
        if (analysis.PhaseThree is null) reasons["predictions.phase_three"] = PhaseThreeLaw(result);
        else if (analysis.Theory.CutoffTime is double cutoff && cutoff > result.Final?.Time)
            reasons["predictions.phase_three.at_cutoff.mse_measured"] = $"the run ended at t = {Format(result.Final?.Time)}, before the cutoff";
        if (analysis.Theory.Rho is null) reasons["theory.rho"] = "no growth rate for this teacher";
        return reasons;
    }
}
