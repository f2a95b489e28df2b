using System.Globalization;
using FastPR.Core.Simulation;
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
        Row("ρ, Phase I rate of |u|", Format(theory.Rho), r => Format(r.Analysis.Escape?.Rate));
        Row("T1 (|u| = 0.05)", Format(theory.T1Predicted), r => Format(r.Analysis.Phases.Escape));
        Row("T1′ (s = s*/3)", "", r => Format(r.Analysis.Phases.SCrossing));
        Row($"T2 (1 − |u| ≤ {Format(epsilon)})", "", r => Format(r.Analysis.Phases.Convergence));
        Row("slope of 1 − |u| (Phase IIb)", $"{Format(theory.TeacherAveragedExponent)} (teacher avg.)",
            r => r.Analysis.ResidualDecay is { } decay ? $"{Format(decay.Measured.Slope)} (tail sum {Format(decay.TailSum.Slope)})" : "–");
        Row("Phase III start", "", r => Format(r.Analysis.Phases.PhaseThree));
        Row("cutoff time H·d^a/8", Format(theory.CutoffTime), _ => "");
        Row("final t", "", r => Format(r.Final?.Time));
        Row("final 1 − |u|", "", r => Format(r.Final?.OneMinusAbsU));
        Row("final MSE", "", r => Format(r.Final?.Mse));
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
        Row("ns per Gaussian (× threads)", "", r => Format(r.Timing.NsPerGaussian));
        return table;
    }

    /// <summary>Four significant digits, "–" for null or non-finite.</summary>
    public static string Format(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";
}
