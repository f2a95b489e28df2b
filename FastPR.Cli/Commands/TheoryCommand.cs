using System.CommandLine;
using System.Text.Json;
using FastPR.Cli.Output;
using FastPR.Core;
using Spectre.Console;

namespace FastPR.Cli.Commands;

/// <summary>
/// <c>fastpr theory</c>: the theory's numbers for one problem (λ_1, H_{d,a}, σ*², u(0), ρ_true, c, predicted T1, cutoff time) and a
/// short table of the isotropic Phase III benchmark S_d(τ) beside its asymptote. <c>--json</c> uses summary.json's "theory" names.
/// </summary>
internal static class TheoryCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new SimulateOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON (the \"theory\" object of summary.json, plus the S_d(τ) table)" };
        var command = new Command("theory", "Print the theory's predictions for one problem: ρ_true, predicted T1, cutoff time and S_d(τ).");
        foreach (string name in new[] { "d", "a", "unnormalized", "spectrum", "teacher", "keep-teacher-scale", "init", "problem-seed" })
            command.Options.Add(options.Find(name)!);
        command.Options.Add(json);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            var spec = options.BindProblem(parse);
            spec.Validate();
            var problem = new Problem(spec);
            var theory = Summary(TheorySummary.For(problem));
            var benchmark = IsotropicBenchmark(problem.Spectrum);
            if (parse.GetValue(json))
            {
                var document = new TheoryDocument(
                    new TheoryParameters(spec.Dimension, problem.Spectrum.Exponent, spec.Normalized, RunSummary.InitName(spec), spec.ProblemSeed,
                        SummaryJson.Inputs(spec)),
                    theory, benchmark);
                console.Out.Write(JsonSerializer.Serialize(document, SummaryJson.Context.TheoryDocument) + "\n");
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
                void Row(string name, double? value) => table.AddRow(Markup.Escape(name), ResultTable.Format(value));
                Row("λ_1", theory.Lambda1);
                Row("H_{d,a}", theory.Hda);
                Row("σ*² = ‖w*‖²/d (MSE plateau)", theory.SigmaStarSq);
                Row("s* = w*ᵀQw*", theory.SStar);
                Row("u(0)", theory.U0);
                Row("ρ_true (Phase I rate)", theory.Rho);
                Row("c (Phase I amplitude)", theory.C);
                Row("T1 predicted = ln(0.05/|c|)/ρ", theory.T1Predicted);
                Row("cutoff time 1/(8λ_min) (H·d^a/8 for the power law)", theory.CutoffTime);
                Row("−(1 − 1/a), teacher-averaged slope", theory.TeacherAveragedExponent);
                Row("−(a − 1)/(2a), slope of the bound", theory.BoundExponent);
                ConsoleRendering.Write(console, table);
                var sd = new Table().Border(TableBorder.Rounded).Title("Phase III benchmark S_d(τ) = (1/d) Σ e^(−16 λ_i τ)")
                    .AddColumn(new TableColumn("τ").RightAligned()).AddColumn(new TableColumn("S_d(τ)").RightAligned())
                    .AddColumn(new TableColumn("x = (16τλ_1)^(1/a)").RightAligned())
                    .AddColumn(new TableColumn("1 − Γ(1 − 1/a)·x/d").RightAligned());
                foreach (var row in benchmark)
                {
                    string asymptote = row.Asymptote is double value ? ResultTable.Format(value)
                        : row.AsymptoteScale is null ? "– (a ≤ 1: no asymptote)" : "– (x > d/10: outside 1 ≪ x ≪ d)";
                    sd.AddRow(ResultTable.Format(row.Tau), ResultTable.Format(row.SD), ResultTable.Format(row.AsymptoteScale), asymptote);
                }
                ConsoleRendering.Write(console, sd);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The summary's "theory" object.</summary>
    public static SummaryTheory Summary(TheorySummary t) =>
        new(t.Lambda1, t.Hda, t.SigmaStarSq, t.SStar, t.U0, t.Rho, t.C, t.T1Predicted, t.CutoffTime, t.TeacherAveragedExponent, t.BoundExponent);

    /// <summary>S_d(τ) at decades of τ around the transition τ ~ H·d^a/16 (at most 12 rows).</summary>
    public static IReadOnlyList<BenchmarkRow> IsotropicBenchmark(Spectrum spectrum)
    {
        double lambdaMin = spectrum.Smallest;
        int from = (int)Math.Floor(DeterministicMath.Log10(1 / (16 * spectrum.Lambda1)));
        int to = (int)Math.Ceiling(DeterministicMath.Log10(10 / (16 * lambdaMin)));
        int stride = Math.Max(1, (int)Math.Ceiling((to - from + 1) / 12.0));
        var rows = new List<BenchmarkRow>();
        for (int k = from; k <= to; k += stride)
        {
            double tau = DeterministicMath.Pow(10, k);
            // Outside its window the asymptote turns negative while S_d(τ) → 0: it is left out (null), never printed.
            double? scale = spectrum.Exponent > 1 ? PhaseThreePrediction.AsymptoteScale(spectrum, tau) : null;
            double? asymptote = PhaseThreePrediction.IsotropicAsymptoteApplies(spectrum, tau) ? PhaseThreePrediction.IsotropicAsymptote(spectrum, tau) : null;
            rows.Add(new BenchmarkRow(tau, PhaseThreePrediction.IsotropicBenchmark(spectrum, tau), asymptote, scale));
        }
        return rows;
    }

    /// <summary>
    /// One row of the S_d(τ) table. The asymptote holds in 1 ≪ x ≪ d, x = (16τλ_1)^(1/a) (<see cref="AsymptoteScale"/>); it is null
    /// for x &gt; d/10, for a ≤ 1 and for another spectrum (x is null for the last two).
    /// </summary>
    internal sealed record BenchmarkRow(double Tau, [property: System.Text.Json.Serialization.JsonPropertyName("s_d")] double SD, double? Asymptote, double? AsymptoteScale);

    internal sealed record TheoryParameters(int D, double? A, bool Normalized, string Init, ulong ProblemSeed, SummaryInputs Inputs);

    internal sealed record TheoryDocument(TheoryParameters Parameters, SummaryTheory Theory, IReadOnlyList<BenchmarkRow> IsotropicBenchmark);
}
