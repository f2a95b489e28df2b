using System.Globalization;
using FastPR.Core;
using Spectre.Console;

namespace FastPR.Cli.Output;

/// <summary>The "predicted against measured" table printed after a run (one measured column per run).</summary>
internal static class ResultTable
{
    /// <summary>Builds the table for runs of the same problem (the prediction column is taken from the first).</summary>
    public static Table PredictedVsMeasured(IReadOnlyList<(string Label, SimulationResult Result)> runs)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("quantity");
        table.AddColumn(new TableColumn("predicted").RightAligned());
        foreach (var (label, _) in runs) table.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());

        var first = runs[0].Result;
        var theory = first.Analysis.Theory;
        double epsilon = first.Spec.Epsilon;
        void Row(string quantity, string predicted, Func<SimulationResult, string> measured) =>
            table.AddRow([Markup.Escape(quantity), Markup.Escape(predicted), .. runs.Select(r => Markup.Escape(measured(r.Result)))]);

        Row("status", "", r => SummaryJson.StatusName(r.Status));
        Row("ρ, Phase I rate of |u|", Format(theory.Rho),
            r => r.Analysis.Escape is { } escape ? $"{Format(escape.Rate)}, r² {Format(escape.RSquared)}" : NoEscapeFit(r));
        Row("T1 (|u| = 0.05)", Format(theory.T1Predicted), r => Reached(r, r.Analysis.Phases.Escape));
        if (runs.Any(r => r.Result.Escapes is { Values.Length: > 1 }))
        {
            Row("T1 over members (mean ± sd)", first.SgdTheory?.T1 is double t1 ? $"{Format(t1)} (sgd-ode)" : "", r => r.Escapes is { } e
                ? $"{Format(e.Mean)} ± {Format(e.Std)} ({e.Escaped}/{e.Values.Length} escaped)" : "");
            Row("T1 over members (5%, median, 95%)", "", r => r.Escapes is { } e ? $"{Format(e.Q05)}, {Format(e.Median)}, {Format(e.Q95)}" : "");
            Row("fraction of members toward −w*", "", r => r.Signs is { } s ? Format(s.FractionTowardMinus) : "");
        }
        Row("T1′ (s = s*/3)", "", r => Reached(r, r.Analysis.Phases.SCrossing));
        Row($"T2 (1 − |u| ≤ {Format(epsilon)})", "", r => Reached(r, r.Analysis.Phases.Convergence));
        Row("slope of 1 − |u| (Phase IIb)", $"{Format(theory.TeacherAveragedExponent)} (teacher avg.)",
            r => r.Analysis.ResidualDecay is { } decay
                ? $"{Format(decay.Measured.Slope)}, r² {Format(decay.Measured.RSquared)} (tail sum {Format(decay.TailSum.Slope)}, r² {Format(decay.TailSum.RSquared)})"
                : "no fit: Phase IIb not reached");
        Row("Phase III start", "", r => Reached(r, r.Analysis.Phases.PhaseThree));
        Row("cutoff time 1/(8λ_min)", Format(theory.CutoffTime), _ => "");
        Row("final t", "", r => Format(r.Final?.Time));
        Row("final 1 − |u|", "", r => Format(r.Final is { } final ? ClampRounding(final.OneMinusAbsU) : null));
        Row("final MSE", "", r => Format(r.Final?.Mse));
        Row("final decay rate of the MSE", "",
            r => r.Analysis.FinalDecay is { } decay ? $"{Format(decay.Rate)}, r² {Format(decay.RSquared)}" : "no fit: fewer than 3 checkpoints");
        if (first.Analysis.PhaseThree is { } curve && theory.CutoffTime is double cutoff)
        {
            // The Phase III law compared where it matters: at the checkpoint nearest the cutoff time (later, the MSE reaches rounding level).
            int k = Enumerable.Range(0, curve.Times.Length).MinBy(i => Math.Abs(Math.Log(curve.Times[i] / cutoff)));
            double t = curve.Times[k];
            Row($"MSE at t = {Format(t)} (Phase III law)", Format(curve.PredictedMse[k]),
                r => Format(r.Trajectory.FirstOrDefault(s => Math.Abs(s.Time - t) <= 1e-9 * t) is { Time: > 0 } at ? at.Mse : null));
        }
        Row("MSE plateau σ*²", Format(theory.SigmaStarSq), _ => "");
        Row("engine", "", r => r.GaussianSource is null ? r.Stepper : $"{r.Stepper} / {r.GaussianSource}");
        Row("wall time (s)", "", r => Format(r.Timing.WallSeconds));
        Row("steps per second", "", r => Format(r.Timing.StepsPerSecond));
        Row("ns per Gaussian (× threads)", "", r => r.Timing.NsPerGaussian is double ns ? Format(ns) : "none drawn (deterministic)");
        return table;
    }

    /// <summary>Differences below this are rounding: 1 − |u| at convergence comes out as −2.2e-16 rather than 0.</summary>
    public const double RoundingLevel = 1e-12;

    /// <summary>A rounding-level negative becomes 0; a real negative (|u| above s*) is kept.</summary>
    public static double ClampRounding(double value) => value < 0 && value >= -RoundingLevel ? 0 : value;

    /// <summary>A phase time, or why there is none.</summary>
    private static string Reached(SimulationResult result, double? time) =>
        time is double t ? Format(t) : $"not reached by t = {Format(result.Final?.Time)}";

    /// <summary>Why the Phase I fit is missing.</summary>
    private static string NoEscapeFit(SimulationResult result)
    {
        var options = result.Analysis.Phases.Options;
        if (result.Trajectory.Length > 0 && Math.Abs(result.Trajectory[0].U) >= options.EscapeThreshold * options.SStar)
            return $"no escape: |u(0)| already ≥ δ = {Format(options.EscapeThreshold)}";
        return "no fit: fewer than 3 checkpoints in Phase I";
    }

    /// <summary>Four significant digits, "–" for null or non-finite.</summary>
    public static string Format(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";
}
