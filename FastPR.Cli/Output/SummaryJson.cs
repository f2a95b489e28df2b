using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastPR.Cli.Input;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>The CLI's JSON documents (<see cref="CliJsonContext"/>) and summary.json, built by Core's <see cref="RunSummary"/>.</summary>
internal static class SummaryJson
{
    /// <summary>
    /// Every JSON write and read of the CLI goes through this source-generated metadata: snake_case names, indented, nulls written,
    /// non-ASCII kept readable.
    /// </summary>
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The summary of a simulation, with the files the vectors were read from named.</summary>
    public static SummaryDocument Build(SimulationResult result, string? message = null) => RunSummary.Build(result, message, VectorFile.Describe);

    /// <summary>The parameters as run, with the files the vectors were read from named.</summary>
    public static JsonObject Parameters(SimulationSpec spec) => RunSummary.Parameters(spec, VectorFile.Describe);

    /// <summary>Where the spectrum, the teacher and w(0) came from, with the files named.</summary>
    public static SummaryInputs Inputs(ProblemSpec problem) => RunSummary.Inputs(problem, VectorFile.Describe);

    /// <summary>The JSON text (ends with a newline).</summary>
    public static string Serialize(SummaryDocument document) => RunSummary.Serialize(document);

    /// <summary>Reads a summary written by <see cref="Serialize"/>.</summary>
    public static SummaryDocument Deserialize(string json) => RunSummary.Deserialize(json);
}
