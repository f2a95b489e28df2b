using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FastPR.Core;

// The summary.json schema: a public contract (README "summary.json"), built by RunSummary for the CLI and libfastpr alike.
// Names are snake_case; a value that does not apply is null.
// Names the snake-case policy would spell differently (digits) carry explicit attributes.

/// <summary>
/// The root object of summary.json; <see cref="Missing"/> says why a value is null ("fits.escape" → "no escape: …"); <see cref="Files"/>
/// gives the SHA-256 of the trajectory.csv and plot.png published with it.
/// </summary>
public sealed record SummaryDocument(
    string Schema,
    string Status,
    string? Message,
    JsonObject Parameters,
    SummaryEnvironment Environment,
    SummaryRun Run,
    SummaryTiming Timing,
    SummaryFinal? Final,
    SummaryPhases Phases,
    SummaryTheory Theory,
    IReadOnlyDictionary<string, SummaryFit?> Fits,
    SummaryPredictions Predictions,
    IReadOnlyList<SummaryMember> Members,
    SummarySgdTheory? SgdTheory = null,
    SummaryEnsemble? Ensemble = null,
    IReadOnlyDictionary<string, string>? Missing = null,
    SummaryEscape? Escape = null,
    IReadOnlyDictionary<string, string>? Files = null)
{
    /// <summary>Schema identifier; bumped on incompatible changes.</summary>
    public const string SchemaName = "fastpr.summary/1";
}

/// <summary>Where the problem's vectors came from: "power_law" or "drawn" (from the problem seed), or a file.</summary>
public sealed record SummaryInputs(SummaryInput Spectrum, SummaryInput Teacher, SummaryInput InitialPoint, bool TeacherScaledToUnitSStar);

/// <summary>One input: its source (a kind, or the file's full path), the SHA-256 of the file (or of the values when given in memory; null when drawn) and its length.</summary>
public sealed record SummaryInput(string Source, string? Sha256, int Size);

/// <summary>Versions and machine: what a bitwise result depends on besides the parameters (README "Reproducibility").</summary>
public sealed record SummaryEnvironment(
    string FastprVersion, string Dotnet, string Os, string Cpu, string CpuVendor, string CpuIsa, int LogicalCores, SummaryMkl Mkl);

/// <summary>
/// MKL as seen by this process: whether it tried to load MKL (only a process that calls MKL does: the VSL source, <c>fastpr info</c>),
/// and then whether it is available, its version, the kernels it runs (code path, dispatch) and its CNR mode. Not probed, the rest
/// is null: no result of the process depended on MKL.
/// </summary>
public sealed record SummaryMkl(
    bool Probed, bool? Available, string? Version, string? CodePath, string? Dispatch, string? CnrMode, string? CnrNote, string? Path, string? Error)
{
    /// <summary>What a process that never called MKL reports.</summary>
    public static SummaryMkl NotProbed { get; } = new(false, null, null, null, null, null, null, null, null);
}

/// <summary>
/// What actually ran: engine and source names, members and their stream keys; the steps (or leaps) each member took, and the step
/// size η of the last one under the run's schedule (null for the flow; docs/MODEL.md §3.9).
/// </summary>
public sealed record SummaryRun(string Engine, string? EngineReason, string? GaussianSource, int Members, long StepsCompleted, long? DivergedAtStep, string StepUnit,
    long StepsTaken, double? FinalEta);

/// <summary>Wall time and throughput; ns_per_gaussian = wall × threads_used ÷ gaussians_drawn.</summary>
public sealed record SummaryTiming(double WallSeconds, double? StepsPerSecond, double? NsPerGaussian, long GaussiansDrawn, int ThreadsUsed);

/// <summary>The last recorded statistics (ensemble means for ensembles).</summary>
public sealed record SummaryFinal(
    double T, long Step, double? S, double? U, double? Loss, double? Mse, double? OneMinusU,
    [property: JsonPropertyName("s2")] double? S2, [property: JsonPropertyName("u2")] double? U2, double? MseOverSigmaStarSq);

/// <summary>Phase boundaries detected on the trajectory.</summary>
public sealed record SummaryPhases(
    [property: JsonPropertyName("t1")] double? T1,
    [property: JsonPropertyName("t1_prime")] double? T1Prime,
    [property: JsonPropertyName("t2")] double? T2,
    double Epsilon,
    double? THalf,
    double? PhaseThreeStart,
    double EscapeThreshold,
    double PhaseThreeTolerance,
    IReadOnlyDictionary<string, SummaryRecords?>? RecordsAround = null);

/// <summary>
/// Where a detected time sits among the records: interpolated between <see cref="Before"/> and <see cref="After"/>, or at the record
/// <see cref="After"/> (Before is then the record before it, null at the first record). The gap bounds how well the time is known.
/// </summary>
public sealed record SummaryRecords(bool Interpolated, double? Before, double After);

/// <summary>The theory's numbers for the problem (same names as <c>fastpr theory --json</c>).</summary>
public sealed record SummaryTheory(
    [property: JsonPropertyName("lambda_1")] double Lambda1,
    [property: JsonPropertyName("h_da")] double? Hda,
    double SigmaStarSq,
    double SStar,
    [property: JsonPropertyName("u0")] double U0,
    double? Rho,
    double? C,
    [property: JsonPropertyName("t1_predicted")] double? T1Predicted,
    double? CutoffTime,
    double? TeacherAveragedExponent,
    double? BoundExponent);

/// <summary>One fit: its slope (or rate), window, r², points, and the predictions it is compared with.</summary>
public sealed record SummaryFit(
    string Quantity, string Model, double? Slope, double[] Window,
    [property: JsonPropertyName("r2")] double? R2,
    int Points,
    IReadOnlyDictionary<string, double?> Predicted);

/// <summary>Predictions: ρ_true and T1, and the Phase III curve where Phase III was reached.</summary>
public sealed record SummaryPredictions(
    double? RhoTrue,
    [property: JsonPropertyName("t1")] double? T1,
    SummaryPhaseThree? PhaseThree);

/// <summary>
/// The Phase III prediction, started from the run's own state at <see cref="StartTime"/> (= phases.phase_three_start, the first record
/// inside Phase III), and <see cref="AtCutoff"/>, the law at the cutoff time itself.
/// </summary>
public sealed record SummaryPhaseThree(double StartTime, double StartMse, IReadOnlyList<SummaryCurvePoint> Curve, SummaryPhaseThreeAt? AtCutoff = null);

/// <summary>
/// The Phase III law at time <see cref="T"/>: from the run's own state (<see cref="MsePredicted"/>) and with isotropic errors
/// (<see cref="MseIsotropic"/>, MSE(t0)·S_d(τ)); the measured MSE log–log interpolated between <see cref="Records"/> (null after the run's end).
/// </summary>
public sealed record SummaryPhaseThreeAt(double T, double? MsePredicted, double? MseIsotropic, double? MseMeasured, SummaryRecords? Records);

/// <summary>One point of the Phase III curve.</summary>
public sealed record SummaryCurvePoint(double T, double? MsePredicted, double? MseMeasured);

/// <summary>One ensemble member.</summary>
public sealed record SummaryMember(
    int Member, string StreamKey, string Status, long StepsCompleted, long? DivergedAtStep,
    [property: JsonPropertyName("t1")] double? T1,
    [property: JsonPropertyName("t1_prime")] double? T1Prime,
    [property: JsonPropertyName("t2")] double? T2,
    SummaryFinal? Final);

/// <summary>SGD's own predictions (docs/MODEL.md §3.7, §7), kept apart from <see cref="SummaryTheory"/>, which is the flow's.</summary>
public sealed record SummarySgdTheory(
    string Source, string Status,
    [property: JsonPropertyName("t1")] double? T1,
    double? FinalMse, double? FinalDecayRate,
    [property: JsonPropertyName("final_decay_r2")] double? FinalDecayR2,
    double NoiseFloorLeading, double? NoiseFloor, double StabilityEdgeEta, double StabilityEdgeEtaHighDimensional,
    double[]? FinalDecayWindow = null);

/// <summary>Which minimum the members went to: u with each member's own final sign, and the fraction that went to −w*.</summary>
public sealed record SummaryEnsemble(double? UAlignedFinal, double? FractionTowardMinus);

/// <summary>The distribution of T1 over the members that escaped (SGD and sgd-sde), and each member's T1 (null: no escape).</summary>
public sealed record SummaryEscape(
    int Members, int Escaped,
    [property: JsonPropertyName("t1_mean")] double? T1Mean,
    [property: JsonPropertyName("t1_std")] double? T1Std,
    [property: JsonPropertyName("t1_q05")] double? T1Q05,
    [property: JsonPropertyName("t1_q25")] double? T1Q25,
    [property: JsonPropertyName("t1_median")] double? T1Median,
    [property: JsonPropertyName("t1_q75")] double? T1Q75,
    [property: JsonPropertyName("t1_q95")] double? T1Q95,
    [property: JsonPropertyName("t1_values")] IReadOnlyList<double?> T1Values);
