using FastPR.Cli.Input;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// What the command line keeps in a checkpoint besides the run (<see cref="SimulationCheckpoint.Labels"/>): the run's identity, and
/// where each input vector came from, so a resume continues only its own run and its summary keeps the inputs' provenance.
/// </summary>
internal static class RunLabels
{
    public const string RunId = "run-id";
    private const string OriginPrefix = "origin.";

    /// <summary>A new run identity: 16 hex digits.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>The memory this process may use, for <see cref="SimulationSpec.ValidateMemory"/>.</summary>
    public static long AvailableMemory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The labels of run <paramref name="runId"/> of <paramref name="spec"/>.</summary>
    public static Dictionary<string, string> For(string runId, SimulationSpec spec)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [RunId] = runId };
        foreach (var field in RunFields.All.Where(f => f.Type == RunFieldType.Vector))
        {
            if (VectorFile.OriginOf(field.Vector(spec)) is { } origin)
                labels[OriginPrefix + field.Name] = string.Join('\n', origin.Path, origin.Sha256, origin.Size);
        }
        return labels;
    }

    /// <summary>Gives the vectors of <paramref name="saved"/> the origins its labels name.</summary>
    public static void RestoreOrigins(SimulationCheckpoint saved)
    {
        foreach (var field in RunFields.All.Where(f => f.Type == RunFieldType.Vector))
        {
            if (field.Vector(saved.Spec) is not { } values || !saved.Labels.TryGetValue(OriginPrefix + field.Name, out string? text)) continue;
            string[] parts = text.Split('\n');
            if (parts.Length == 3 && int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out int size))
                VectorFile.Remember(values, new VectorFile.Origin(parts[0], parts[1], size));
        }
    }
}
