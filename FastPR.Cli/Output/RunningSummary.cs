using System.Globalization;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// The summary.json of a run in progress: the same keys as <see cref="SummaryDocument"/>, with status "running", the parameters and
/// the environment; what only the end of the run can tell is null. The final summary replaces it, so a "running" summary that stays
/// behind means the process was killed without a chance to write (SIGKILL, node failure).
/// </summary>
internal sealed record RunningSummary(
    string Schema,
    string Status,
    string Message,
    System.Text.Json.Nodes.JsonObject Parameters,
    SummaryEnvironment Environment,
    SummaryRun? Run,
    SummaryTiming? Timing,
    SummaryFinal? Final,
    SummaryPhases? Phases,
    SummaryTheory? Theory,
    IReadOnlyDictionary<string, SummaryFit?>? Fits,
    SummaryPredictions? Predictions,
    IReadOnlyList<SummaryMember> Members)
{
    public const string StatusName = "running";

    /// <summary>The running summary of <paramref name="spec"/>, started now by this process.</summary>
    public static RunningSummary For(SimulationSpec spec) =>
        new(SummaryDocument.SchemaName, StatusName,
            string.Create(CultureInfo.InvariantCulture,
                $"running since {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} in process {System.Environment.ProcessId} on {System.Environment.MachineName}; replaced by the final summary when the run ends"),
            SummaryJson.Parameters(spec), EnvironmentReport.Get(), null, null, null, null, null, null, null, []);

    /// <summary>The JSON text (ends with a newline).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, SummaryJson.Context.RunningSummary) + "\n";
}
