using System.Globalization;
using FastPR.Core;
using Spectre.Console;

namespace FastPR.Cli.Output;

/// <summary>
/// The "predicted against measured" table printed after a run: one table per run, with a predicted and a measured column, how each
/// measured value was obtained (fit r² and window, interpolation between records) and a note where the two differ for a known
/// reason or a value is missing. Only theory goes in "predicted"; only what the run recorded goes in "measured".
/// </summary>
internal static class ResultTable
{
    /// <summary>Column headers, in order.</summary>
    public static readonly string[] Columns = ["quantity", "predicted", "measured", "how measured", "note"];

    /// <summary>Below this r² a fit is flagged as poor: the data do not follow the fitted shape over the window.</summary>
    public const double PoorFitR2 = 0.9;

    /// <summary>Differences below this are rounding: 1 − |u| at convergence comes out as −2.2e-16 rather than 0.</summary>
    public const double RoundingLevel = 1e-12;

    /// <summary>The table for one run, titled with <paramref name="label"/>.</summary>
    public static Table PredictedVsMeasured(string label, SimulationResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(label));
        table.AddColumn(Columns[0]);
        table.AddColumn(new TableColumn(Columns[1]).RightAligned());
        table.AddColumn(new TableColumn(Columns[2]).RightAligned());
        table.AddColumn(Columns[3]);
        table.AddColumn(Columns[4]);
        foreach (var row in Rows(result)) table.AddRow(row.Select(Markup.Escape).ToArray());
        return table;
    }

    /// <summary>The rows as text: quantity, predicted, measured, how measured, note.</summary>
    public static IReadOnlyList<string[]> Rows(SimulationResult result)
    {
        var rows = new List<string[]>();
        void Row(string quantity, string predicted, string measured, string how = "", string note = "") => rows.Add([quantity, predicted, measured, how, note]);

        var analysis = result.Analysis;
        var theory = analysis.Theory;
        var phases = analysis.Phases;
        var trajectory = result.Trajectory;
        string end = Format(result.Final?.Time);
        const string noClosedForm = "no closed form";

        Row("status", "", RunSummary.StatusName(result.Status));

        // Phase I.
        bool startedEscaped = MissingReasons.StartedEscaped(result);
        // ρ and T1 describe the growing mode only; how much of u(0) lies on it (c/u(0)) says how far the fit can follow.
        string onMode = theory.C is double residue && theory.U0 != 0
            ? $"c/u(0) = {Format(residue / theory.U0)}: ρ and T1 hold when u(0) lies on the growing mode (≈ 1); otherwise the other modes' transient biases the fit (docs/REPRODUCTION.md, claim 1)"
            : "";
        if (analysis.Escape is { } escape)
            Row("ρ, Phase I rate of |u|", Format(theory.Rho), Format(escape.Rate), ExponentialFitText("ln|u| ~ t", escape), Join(PoorFit(escape.RSquared), onMode));
        else
            Row("ρ, Phase I rate of |u|", Format(theory.Rho, "no growth rate for this teacher"), "–", "", MissingReasons.EscapeFit(result));
        string t1Note = theory.T1Predicted == 0 && theory.C is double c
            ? $"predicted 0: |c| = {Format(Math.Abs(c))} ≥ δ, ln(δ/|c|) ≤ 0"
            : "";
        Detected(rows, "T1 (|u| = δ = 0.05)", Format(theory.T1Predicted, "no growth rate or c = 0"), trajectory, phases.Escape, end,
            Join(Join(t1Note, startedEscaped ? $"|u(0)| = {Format(Math.Abs(trajectory[0].U))} ≥ δ at t = 0" : ""),
                result.SgdTheory?.T1 is double odeT1 ? $"predicted is the flow's; SGD's own moment equations (sgd-ode) give {Format(odeT1)}" : ""));
        if (result.Escapes is { Values.Length: > 1 } escapes)
        {
            // An ensemble's own escapes: T1 is random when the escape is noise-driven, and the mean trajectory's T1 is not their mean.
            Row("T1 over members, mean ± sd", "", $"{Format(escapes.Mean)} ± {Format(escapes.Std)}",
                $"each member's own T1; {escapes.Escaped} of {escapes.Values.Length} escaped",
                result.SgdTheory?.T1 is double meanT1 ? $"the sgd-ode's T1 ({Format(meanT1)}) is the mean trajectory's, not the members' mean" : "");
            Row("T1 over members, 5% / median / 95%", "", $"{Format(escapes.Q05)} / {Format(escapes.Median)} / {Format(escapes.Q95)}",
                "quantiles over the members that escaped");
        }
        if (result.Signs is { } signs && result.Members.Length > 1)
            Row("fraction of members toward −w*", "", Format(signs.FractionTowardMinus), "the sign of each member's final u",
                "trajectory.csv's u_aligned takes each member's u with that sign");
        Detected(rows, "T1′ (s = s*/3, for good)", noClosedForm, trajectory, phases.SCrossing, end, "theory: T1′ = T1 + O(1)");
        Detected(rows, $"T2 (1 − |u| ≤ {Format(result.Spec.Epsilon)})", noClosedForm, trajectory, phases.Convergence, end,
            "theory gives only a bound, T2 ≲ ε^(−2a/(a−1)) log(1/ε)");

        // Phase IIb.
        if (analysis.ResidualDecay is { } decay)
        {
            var fit = decay.Measured;
            string how = PowerLawFitText("ln(1 − |u|) ~ ln t", fit);
            Row("slope of 1 − |u| (Phase IIb), teacher average −(1 − 1/a)", Format(decay.TeacherAveragedExponent, "a ≤ 1 or not a power law"),
                Format(fit.Slope), how,
                Join(PoorFit(fit.RSquared), "single teacher: compare with its own tail sum (next row); −(1 − 1/a) is a teacher average (docs/MODEL.md §4)"));
            Row("slope of 1 − |u| (Phase IIb), this teacher's tail sum S(t)", Format(decay.TailSum.Slope), Format(fit.Slope), "the same fit",
                Join(PoorFit(fit.RSquared),
                    $"S(t) fitted over the same window, r² {FormatR2(decay.TailSum.RSquared)}; " + (decay.TailSumConstant > 0
                        ? $"(1 − |u|)/S = {Format(decay.TailSumConstant)} at t = {Format(decay.ConstantTime)}"
                        : $"no constant (1 − |u|)/S: 1 − |u| ≤ 0 at t = {Format(decay.ConstantTime)}")));
        }
        else
        {
            Row("slope of 1 − |u| (Phase IIb)", Format(theory.TeacherAveragedExponent, "a ≤ 1 or not a power law"), "–", "", MissingReasons.ResidualFit(result));
        }

        // Phase III.
        Detected(rows, "Phase III start (|s − s*|, s* − |u| ≤ 10⁻³·s*)", noClosedForm, trajectory, phases.PhaseThree, end,
            phases.PhaseThree is null ? "" : "the first record inside; the Phase III law starts there");
        Row("cutoff time 1/(8λ_min)", Format(theory.CutoffTime, "isotropic spectrum: no cutoff"), "–", "", "a theory time scale");
        PhaseThreeRows(rows, result);

        // The end of the run.
        Row("final t", "", end);
        if (result.Final is { } final)
        {
            double clamped = ClampRounding(final.OneMinusAbsU);
            string oneMinusUNote = clamped != final.OneMinusAbsU
                ? $"{Format(final.OneMinusAbsU)} in the files: rounding (|x| ≤ {Format(RoundingLevel)}) shown as 0"
                : final.OneMinusAbsU < 0 ? "|u| > s*: possible while s > s* (|u| ≤ √(s·s*))" : "";
            Row("final 1 − |u|", "", Format(clamped), "", oneMinusUNote);
            Row("final MSE", result.SgdTheory is { } sgd ? Format(sgd.FinalMse, "the sgd-ode did not finish") : "", Format(final.Mse), "",
                result.SgdTheory is null ? "" : "predicted: SGD's own moment equations (sgd-ode, Wick closure)");
            if (result.SgdTheory is { } ode && result.Problem.Sigma > 0) NoiseFloorRow(rows, result, ode, final);
        }
        Row("MSE plateau σ*² = ‖w*‖²/d", Format(theory.SigmaStarSq), "–", "", "the MSE's level in Phases I–II (trajectory.csv)");
        if (analysis.FinalDecay is { } finalDecay)
        {
            string predicted = result.SgdTheory?.FinalDecay is { } ode
                ? $"{Format(ode.Rate)} (sgd-ode fit: r² {FormatR2(ode.RSquared)}, t ∈ [{Format(ode.WindowStart)}, {Format(ode.WindowEnd)}])"
                : noClosedForm;
            Row("final decay rate of the MSE", predicted, Format(finalDecay.Rate), ExponentialFitText("ln MSE ~ t", finalDecay),
                Join(PoorFit(finalDecay.RSquared), "last half of the run, MSE > 10⁻¹³σ*²"));
        }
        else
        {
            Row("final decay rate of the MSE", "", "–", "", MissingReasons.FinalDecay);
        }

        Row("engine", "", result.GaussianSource is null ? result.Stepper : $"{result.Stepper} / {result.GaussianSource}");
        Row("wall time (s)", "", Format(result.Timing.WallSeconds));
        Row("steps per second", "", Format(result.Timing.StepsPerSecond));
        Row("ns per Gaussian (× threads)", "", result.Timing.NsPerGaussian is double ns ? Format(ns) : "–", "", result.Timing.NsPerGaussian is null ? "none drawn (deterministic)" : "");
        return rows;
    }

    /// <summary>
    /// The noise floor the sgd-ode predicts at the end under the run's schedule, beside the constant-η floor ησ²/B and, for a schedule,
    /// the adiabatic η(T)σ²/B, which the floor follows only while η changes slowly against the slowest relaxation (docs/MODEL.md §3.9).
    /// </summary>
    private static void NoiseFloorRow(List<string[]> rows, SimulationResult result, SgdPredictions ode, Snapshot final)
    {
        var spec = result.Spec;
        string note = $"sgd-ode under the run's schedule; constant-η floor ησ²/B = {Format(ode.NoiseFloorLeading)}";
        if (spec.NewClock() is { } clock)
        {
            double sigma2 = result.Problem.Sigma * result.Problem.Sigma;
            double adiabatic = clock.StepSizeAt(final.Time) * sigma2 / spec.BatchSize;
            note += $"; adiabatic η(T)σ²/B = {Format(adiabatic)}, which holds only while η changes slowly against the slowest relaxation";
        }
        rows.Add(["noise floor at the end (σ > 0)", Format(ode.NoiseFloor, "the sgd-ode did not finish"), Format(final.Mse), "final MSE", note]);
    }

    /// <summary>The Phase III law at the cutoff time (log–log interpolated there) and at the last record.</summary>
    private static void PhaseThreeRows(List<string[]> rows, SimulationResult result)
    {
        var analysis = result.Analysis;
        string end = Format(result.Final?.Time);
        if (analysis.PhaseThree is not { } curve)
        {
            rows.Add(["MSE, Phase III law", "–", "–", "", MissingReasons.PhaseThreeLaw(result)]);
            return;
        }
        string from = $"from this run's own state at t = {Format(curve.StartTime)} (Phase III start): the same dynamics linearised, so agreement is near-automatic";
        if (analysis.Theory.CutoffTime is double cutoff)
        {
            var check = PhaseThreeCheck.At(curve, result.Problem, result.Trajectory, cutoff);
            if (check is null)
            {
                rows.Add([$"MSE at the cutoff t = {Format(cutoff)}, Phase III law", "–", "–", "", $"the cutoff comes before the start of Phase III at t = {Format(curve.StartTime)}"]);
            }
            else
            {
                string measured = check.Measured is double m ? Format(m) : "–";
                string how = check.Records is { } r ? AtTimeText(r, "log–log interpolated") : "";
                string missing = check.Measured is null ? $"the run ended at t = {end}, before the cutoff; " : "";
                rows.Add([$"MSE at the cutoff t = {Format(cutoff)}, Phase III law", Format(check.Predicted), measured, how, missing + from]);
                rows.Add([$"MSE at the cutoff t = {Format(cutoff)}, isotropic errors MSE(t0)·S_d(τ)", Format(check.Isotropic), measured, how,
                    missing + "every π_i = 1/d: ignores the state's error profile"]);
            }
        }
        if (result.Final is { } final && PhaseThreeCheck.At(curve, result.Problem, result.Trajectory, final.Time) is { } last)
        {
            bool floor = !(final.Mse > FinalDecay.RoundingFraction * result.Problem.SigmaStarSquared);
            rows.Add([$"MSE at the last record t = {Format(final.Time)}, Phase III law", Format(last.Predicted), Format(last.Measured), "at the record",
                floor ? "measured MSE at the rounding floor (≤ 10⁻¹³σ*²): no comparison"
                    : analysis.Theory.CutoffTime is null ? from : "the same law, at the end of the run"]);
        }
    }

    /// <summary>A detected time row: the measured time, whether it was interpolated and between which records, or why it is missing.</summary>
    private static void Detected(List<string[]> rows, string quantity, string predicted, ReadOnlySpan<Snapshot> trajectory, double? time, string end, string note)
    {
        if (time is not double t)
        {
            rows.Add([quantity, predicted, "–", "", Join($"not reached by t = {end}", note)]);
            return;
        }
        var bracket = RecordBracket.Of(trajectory, t);
        rows.Add([quantity, predicted, Format(t), bracket is { } b ? AtTimeText(b, "interpolated") : "", note]);
    }

    /// <summary>"at the first record", "at the record t = …; previous record t = … (gap …)" or "{verb} between records t = … and … (gap …)".</summary>
    public static string AtTimeText(RecordBracket bracket, string verb)
    {
        if (bracket.Before is not double before) return $"at the first record (t = {Format(bracket.After)})";
        string gap = $"gap {Format(bracket.After - before)}";
        return bracket.Interpolated
            ? $"{verb} between records {Format(before)} and {Format(bracket.After)} ({gap})"
            : $"at the record {Format(bracket.After)}; previous record {Format(before)} ({gap})";
    }

    private static string ExponentialFitText(string what, ExponentialFit fit) =>
        $"fit {what}: r² {FormatR2(fit.RSquared)}, t ∈ [{Format(fit.WindowStart)}, {Format(fit.WindowEnd)}], {fit.Points} records";

    private static string PowerLawFitText(string what, PowerLawFit fit) =>
        $"fit {what}: r² {FormatR2(fit.RSquared)}, t ∈ [{Format(fit.WindowStart)}, {Format(fit.WindowEnd)}], {fit.Points} records";

    private static string PoorFit(double r2) =>
        r2 < PoorFitR2 ? $"poor fit: r² {FormatR2(r2)} < {Format(PoorFitR2)}, not a rate" : "";

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : $"{first}; {second}";

    /// <summary>A rounding-level negative becomes 0; a real negative (|u| above s*) is kept.</summary>
    public static double ClampRounding(double value) => value < 0 && value >= -RoundingLevel ? 0 : value;

    /// <summary>Four significant digits, "–" for null or non-finite.</summary>
    public static string Format(double? value) => MissingReasons.Format(value);

    /// <summary>As <see cref="Format(double?)"/>, with the reason when there is no value.</summary>
    private static string Format(double? value, string whyMissing) =>
        value is double v && double.IsFinite(v) ? Format(v) : $"– ({whyMissing})";

    /// <summary>r² to four decimals, so that 0.99999 is not shown as a bare 1.</summary>
    private static string FormatR2(double r2) => r2.ToString("0.0000", CultureInfo.InvariantCulture);
}
