using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastPR.Core;

/// <summary>
/// Builds the analysis of a finished run as summary.json's <see cref="SummaryDocument"/> (schema <see cref="SummaryDocument.SchemaName"/>),
/// and writes and reads its JSON. The CLI's summary.json and libfastpr's fastpr_run_summary are both this document.
/// </summary>
public static class RunSummary
{
    private static readonly SummaryJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>
    /// The summary of <paramref name="result"/>, with an optional status <paramref name="message"/>. <paramref name="describeInput"/>
    /// names where a given vector (spectrum, teacher, w(0)) came from, e.g. the file it was read from; null, or a null answer,
    /// describes it as "given" with the SHA-256 of its values.
    /// </summary>
    public static SummaryDocument Build(SimulationResult result, string? message = null, Func<double[], SummaryInput?>? describeInput = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var spec = result.Spec;
        var analysis = result.Analysis;
        var theory = analysis.Theory;
        var phases = analysis.Phases;
        bool deterministic = !spec.IsStochastic;
        var parameters = Parameters(spec, describeInput);
        var run = new SummaryRun(result.Stepper, result.EngineReason, result.GaussianSource, result.Members.Length, result.Timing.StepsCompleted,
            result.DivergedAtStep, result.Stepper.EndsWith("-logtime", StringComparison.Ordinal) ? "leap" : "step",
            result.Trajectory.Length > 0 ? result.Trajectory[^1].Step : 0, FinalEta(spec, result.Trajectory));
        var timing = new SummaryTiming(result.Timing.WallSeconds, Finite(result.Timing.StepsPerSecond), Finite(result.Timing.NsPerGaussian),
            result.Timing.GaussiansDrawn, result.Timing.ThreadsUsed);
        var summaryTheory = new SummaryTheory(theory.Lambda1, theory.Hda, theory.SigmaStarSq, theory.SStar, theory.U0, Finite(theory.Rho),
            Finite(theory.C), Finite(theory.T1Predicted), Finite(theory.CutoffTime), theory.TeacherAveragedExponent, theory.BoundExponent);
        var summaryPhases = new SummaryPhases(phases.Escape, phases.SCrossing, phases.Convergence, spec.Epsilon, phases.HalfOverlap,
            phases.PhaseThree, phases.Options.EscapeThreshold, phases.Options.PhaseThreeTolerance,
            new Dictionary<string, SummaryRecords?>
            {
                ["t1"] = Records(result.Trajectory, phases.Escape),
                ["t1_prime"] = Records(result.Trajectory, phases.SCrossing),
                ["t2"] = Records(result.Trajectory, phases.Convergence),
                ["t_half"] = Records(result.Trajectory, phases.HalfOverlap),
                ["phase_three_start"] = Records(result.Trajectory, phases.PhaseThree),
            });
        var fits = new Dictionary<string, SummaryFit?>
        {
            ["escape"] = analysis.Escape is { } escape
                ? new SummaryFit("abs_u", "|u| = A·exp(slope·t) while s ≤ 0.01·s* and |u| ≤ δ·s*", Finite(escape.Rate),
                    [escape.WindowStart, escape.WindowEnd], Finite(escape.RSquared), escape.Points,
                    new Dictionary<string, double?>
                    {
                        ["rho"] = Finite(theory.Rho),
                        ["amplitude"] = Finite(escape.Amplitude),
                        ["c_abs"] = theory.C is double c ? Math.Abs(c) : null,
                    })
                : null,
            ["residual_decay"] = analysis.ResidualDecay is { } decay
                ? new SummaryFit("one_minus_u", "1 − |u|/s* ∝ t^slope over Phase IIb", Finite(decay.Measured.Slope),
                    [decay.Measured.WindowStart, decay.Measured.WindowEnd], Finite(decay.Measured.RSquared), decay.Measured.Points,
                    new Dictionary<string, double?>
                    {
                        ["tail_sum_slope"] = Finite(decay.TailSum.Slope),
                        ["tail_sum_r2"] = Finite(decay.TailSum.RSquared),
                        ["tail_sum_constant"] = Finite(decay.TailSumConstant),
                        ["teacher_averaged_exponent"] = decay.TeacherAveragedExponent,
                        ["bound_exponent"] = decay.BoundExponent,
                    })
                : null,
            ["final_decay"] = analysis.FinalDecay is { } finalDecay
                ? new SummaryFit("mse", "MSE = A·exp(slope·t) over the last half of the run (MSE above 1e-13·σ*²)", Finite(finalDecay.Rate),
                    [finalDecay.WindowStart, finalDecay.WindowEnd], Finite(finalDecay.RSquared), finalDecay.Points, new Dictionary<string, double?>())
                : null,
        };
        SummaryPhaseThree? phaseThree = analysis.PhaseThree is { } curve
            ? new SummaryPhaseThree(curve.StartTime, curve.StartMse,
                curve.Times.Select((t, k) => new SummaryCurvePoint(t, Finite(curve.PredictedMse[k]), Finite(curve.MeasuredMse[k]))).ToArray(),
                theory.CutoffTime is double cutoff && PhaseThreeCheck.At(curve, result.Problem, result.Trajectory, cutoff) is { } check
                    ? new SummaryPhaseThreeAt(check.Time, Finite(check.Predicted), Finite(check.Isotropic), Finite(check.Measured),
                        check.Records is { } r ? new SummaryRecords(r.Interpolated, r.Before, r.After) : null)
                    : null)
            : null;
        var members = result.Members.Select(m => new SummaryMember(
            m.Member, deterministic ? "none" : "0x" + m.StreamKey.ToString("x16", CultureInfo.InvariantCulture),
            StatusName(m.Result.Status), m.Result.StepsCompleted, m.Result.DivergedAtStep,
            m.Phases.Escape, m.Phases.SCrossing, m.Phases.Convergence,
            Final(m.Result.LastFinite, theory.SigmaStarSq))).ToArray();
        return new SummaryDocument(SummaryDocument.SchemaName, StatusName(result.Status), message, parameters, EnvironmentReport.Get(), run,
            timing, result.Final is { } final ? Final(final, theory.SigmaStarSq) : null, summaryPhases, summaryTheory, fits,
            new SummaryPredictions(Finite(theory.Rho), Finite(theory.T1Predicted), phaseThree), members,
            result.SgdTheory is { } sgd
                ? new SummarySgdTheory("sgd-ode (wick closure, tolerance " + SgdPredictions.Tolerance.ToString("G", CultureInfo.InvariantCulture) + ") and docs/MODEL.md §7",
                    StatusName(sgd.Status), sgd.T1, Finite(sgd.FinalMse), Finite(sgd.FinalDecay?.Rate), Finite(sgd.FinalDecay?.RSquared),
                    sgd.NoiseFloorLeading, Finite(sgd.NoiseFloor), sgd.StabilityEdge, sgd.StabilityEdgeHighDimensional,
                    sgd.FinalDecay is { } odeDecay ? [odeDecay.WindowStart, odeDecay.WindowEnd] : null)
                : null,
            result.Signs is { } signs
                ? new SummaryEnsemble(signs.AlignedU.Length > 0 ? Finite(signs.AlignedU[^1]) : null, Finite(signs.FractionTowardMinus))
                : null,
            MissingReasons.ForSummary(result),
            result.Escapes is { } escapes
                ? new SummaryEscape(escapes.Values.Length, escapes.Escaped, escapes.Mean, escapes.Std, escapes.Q05, escapes.Q25, escapes.Median,
                    escapes.Q75, escapes.Q95, escapes.Values)
                : null);
    }

    /// <summary>
    /// The parameters: every field of the run's definition (<see cref="RunFields"/>) under its keyword, typed, with steps and time as
    /// resolved (what actually ran; steps is null for the flow unless given), a null when the spectrum is not the power law, init
    /// "file" for a given w(0), and "inputs" saying where the vectors came from.
    /// </summary>
    public static JsonObject Parameters(SimulationSpec spec, Func<double[], SummaryInput?>? describeInput = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parameters = new JsonObject();
        foreach (var field in RunFields.All)
        {
            if (field.Type == RunFieldType.Vector) continue;
            parameters[field.Keyword] = field.Name switch
            {
                "steps" => spec.IsTimeBased ? spec.Steps : spec.TotalSteps,
                "time" => spec.Horizon,
                "a" when spec.Problem.Eigenvalues is not null => null,
                "init" => InitName(spec.Problem),
                _ => Typed(field, field.Format(spec)),
            };
        }
        parameters["inputs"] = JsonSerializer.SerializeToNode(Inputs(spec.Problem, describeInput), Json.SummaryInputs);
        return parameters;
    }

    // η of the last step taken (the local η(t) at the end for the sgd-ode); none for the flow, which has no step.
    private static double? FinalEta(SimulationSpec spec, Snapshot[] trajectory)
    {
        if (spec.Algorithm == AlgorithmKind.Flow) return null;
        if (spec.NewClock() is not { } clock) return spec.LearningRate;
        if (trajectory.Length == 0) return null;
        var last = trajectory[^1];
        if (spec.IsTimeBased) return Finite(clock.StepSizeAt(last.Time));
        if (last.Step == 0) return Finite(clock.StepSizeOf(0, 0));
        clock.AdvanceTo((last.Step - 1) * clock.Stride);
        return Finite(clock.StepSizeOf(clock.Step, clock.Time));
    }

    // A field's canonical text as the JSON value of its type.
    private static JsonNode? Typed(RunField field, string? text) => text is null ? null : field.Type switch
    {
        RunFieldType.Integer => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
        RunFieldType.Real => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
        RunFieldType.Seed => JsonValue.Create(ulong.Parse(text, CultureInfo.InvariantCulture)),
        RunFieldType.Flag => JsonValue.Create(text == "true"),
        _ => JsonValue.Create(text),
    };

    /// <summary>"sphere" or "gaussian" for a drawn w(0), "file" for a given one.</summary>
    public static string InitName(ProblemSpec problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Initial is null ? RunFields.NameOf(RunFields.Inits, problem.Init) : "file";
    }

    /// <summary>Where the spectrum, the teacher and w(0) came from, with SHA-256 and size.</summary>
    public static SummaryInputs Inputs(ProblemSpec problem, Func<double[], SummaryInput?>? describeInput = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(Input(problem.Eigenvalues, "power_law", problem.Dimension, describeInput), Input(problem.Teacher, "drawn", problem.Dimension, describeInput),
            Input(problem.Initial, "drawn", problem.Dimension, describeInput), problem.Teacher is null || problem.ScaleTeacher);
    }

    private static SummaryInput Input(double[]? values, string otherwise, int size, Func<double[], SummaryInput?>? describeInput)
    {
        if (values is null) return new SummaryInput(otherwise, null, size);
        if (describeInput?.Invoke(values) is { } described) return described;
        return new SummaryInput("given", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()))), values.Length);
    }

    /// <summary>The JSON text (snake_case names, indented, nulls written, non-ASCII kept readable; ends with a newline).</summary>
    public static string Serialize(SummaryDocument document) => JsonSerializer.Serialize(document, Json.SummaryDocument) + "\n";

    /// <summary>Reads a summary written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The text is not a summary.</exception>
    public static SummaryDocument Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Json.SummaryDocument) ?? throw new JsonException("summary.json is empty.");

    /// <summary>Why a run stopped early, or null when it completed.</summary>
    public static string? StatusMessage(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            RunStatus.Diverged when result.Spec.IsTimeBased => string.Create(CultureInfo.InvariantCulture,
                $"diverged at leap {result.DivergedAtStep}; the trajectory holds the records before it"),
            RunStatus.Diverged => string.Create(CultureInfo.InvariantCulture,
                $"diverged at step {result.DivergedAtStep} (t = {result.DivergedAtStep * result.Spec.LearningRate * (result.Spec.Algorithm == AlgorithmKind.SgdSde ? result.Spec.SdeStride : 1):G4}); the trajectory holds the records before it"),
            RunStatus.Interrupted => string.Create(CultureInfo.InvariantCulture,
                $"interrupted at t = {result.Final?.Time:G4}; the trajectory holds the records taken so far"),
            _ => null,
        };
    }

    /// <summary>"completed", "diverged" or "interrupted".</summary>
    public static string StatusName(RunStatus status) => status.ToString().ToLowerInvariant();

    private static SummaryFinal Final(in Snapshot s, double sigmaStarSq) =>
        new(s.Time, s.Step, Finite(s.S), Finite(s.U), Finite(s.Loss), Finite(s.Mse), Finite(s.OneMinusAbsU), Finite(s.S2), Finite(s.U2),
            Finite(s.Mse / sigmaStarSq));

    private static SummaryRecords? Records(ReadOnlySpan<Snapshot> trajectory, double? time) =>
        time is double t && RecordBracket.Of(trajectory, t) is { } r ? new SummaryRecords(r.Interpolated, r.Before, r.After) : null;

    private static double? Finite(double? value) => value is double v && double.IsFinite(v) ? v : null;
}
