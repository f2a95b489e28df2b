using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using FastPR.Cli.Output;
using FastPR.Core;

namespace FastPR.Cli.Sweep;

/// <summary>
/// Merges a sweep folder into one CSV: a row per finished point with its parameters, status, final statistics, phases, theory
/// numbers and fits, read from the points' summary.json files.
/// </summary>
internal static class SweepMerge
{
    public const string DefaultFileName = "sweep.csv";

    /// <summary>The point, its status, every field of the run's definition (<see cref="RunFields"/>, by keyword), then what was measured.</summary>
    public static readonly string[] Columns =
    [
        "point", "status", .. ParameterColumns, "engine_used", "gaussian_source",
        "final_t", "final_s", "final_u", "final_loss", "final_mse", "final_one_minus_u",
        "t1", "t1_prime", "t2", "t_half", "phase_three_start",
        "lambda_1", "sigma_star_sq", "u0", "rho", "c", "t1_predicted", "cutoff_time",
        "escape_rate", "residual_slope", "residual_r2", "tail_sum_slope", "teacher_averaged_exponent", "final_decay_rate",
        "wall_seconds", "steps_per_second", "ns_per_gaussian",
    ];

    /// <summary>Writes the merged CSV; returns (points merged, points without results).</summary>
    public static (int Merged, int Missing) Write(string directory, string output)
    {
        var names = PointNames(directory);
        int missing = 0;
        var rows = new List<string[]>();
        foreach (string name in names)
        {
            string summary = Path.Combine(directory, name, RunOutputs.SummaryFile);
            if (!File.Exists(summary))
            {
                missing++;
                continue;
            }
            SummaryDocument document;
            try
            {
                document = SummaryJson.Deserialize(File.ReadAllText(summary));
            }
            catch (JsonException ex)
            {
                throw new IOException($"{summary} is not a FastPR summary ({ex.Message}).", ex);
            }
            // A summary of another kind (an older FastPR's "running" one, left by a killed run) is not a result.
            if (document.Run is null || document.Timing is null || document.Phases is null || document.Theory is null || document.Parameters is null)
            {
                missing++;
                continue;
            }
            rows.Add(Row(name, document));
        }
        AtomicFile.Write(output, stream =>
        {
            using var csv = CsvWriter.Create(stream, TrajectoryCsvWriter.Options, leaveOpen: true);
            csv.WriteHeader(Columns);
            foreach (var row in rows) csv.WriteRecord(row);
        });
        return (rows.Count, missing);
    }

    /// <summary>Points in grid order from sweep.json, or the sub-folders holding a summary.json.</summary>
    public static IReadOnlyList<string> PointNames(string directory)
    {
        var manifest = SweepManifest.Read(directory);
        if (manifest is not null) return manifest.Points.Select(p => p.Name).ToArray();
        return Directory.EnumerateDirectories(directory)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.StartsWith('.') && File.Exists(Path.Combine(directory, n, RunOutputs.SummaryFile)))
            .Order(StringComparer.Ordinal)
            .ToArray()!;
    }

    private static IEnumerable<string> ParameterColumns => RunFields.All.Where(f => f.Type != RunFieldType.Vector).Select(f => f.Keyword);

    private static string[] Row(string name, SummaryDocument s)
    {
        var p = s.Parameters;
        var f = s.Final;
        var escape = s.Fits.GetValueOrDefault("escape");
        var decay = s.Fits.GetValueOrDefault("residual_decay");
        return
        [
            name, s.Status, .. ParameterColumns.Select(k => Cell(p[k])),
            s.Run.Engine, s.Run.GaussianSource ?? "",
            N(f?.T), N(f?.S), N(f?.U), N(f?.Loss), N(f?.Mse), N(f?.OneMinusU),
            N(s.Phases.T1), N(s.Phases.T1Prime), N(s.Phases.T2), N(s.Phases.THalf), N(s.Phases.PhaseThreeStart),
            N(s.Theory.Lambda1), N(s.Theory.SigmaStarSq), N(s.Theory.U0), N(s.Theory.Rho), N(s.Theory.C), N(s.Theory.T1Predicted), N(s.Theory.CutoffTime),
            N(escape?.Slope), N(decay?.Slope), N(decay?.R2), N(decay?.Predicted.GetValueOrDefault("tail_sum_slope")),
            N(s.Theory.TeacherAveragedExponent), N(s.Fits.GetValueOrDefault("final_decay")?.Slope),
            N(s.Timing.WallSeconds), N(s.Timing.StepsPerSecond), N(s.Timing.NsPerGaussian),
        ];
    }

    // A parameter as the CSV shows it: numbers round-trip, flags true/false, null empty.
    private static string Cell(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out double x) && v.GetValueKind() == JsonValueKind.Number =>
            v.TryGetValue(out long n) ? N(n) : v.TryGetValue(out ulong u) ? N(u) : N(x),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        JsonValue v when v.TryGetValue(out string? text) => text ?? "",
        _ => node.ToJsonString(),
    };

    private static string N(double? value) => value is double v ? TrajectoryCsvWriter.Number(v) : "";
    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
    private static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
