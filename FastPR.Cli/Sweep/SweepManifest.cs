using System.Text.Json;
using FastPR.Cli.Output;

namespace FastPR.Cli.Sweep;

/// <summary>
/// sweep.json: the grid and every point's parameters, written once at the top of the sweep folder. A rerun (or another shard) must
/// find the same manifest, so a folder never mixes two different sweeps; <c>sweep merge</c> reads the point list from it.
/// </summary>
internal sealed record SweepManifest(string Schema, string Grid, IReadOnlyList<SweepManifestPoint> Points)
{
    public const string FileName = "sweep.json";
    public const string SchemaName = "fastpr.sweep/1";

    public static SweepManifest For(SweepGrid grid, IReadOnlyList<PlannedPoint> points) =>
        new(SchemaName, grid.ToString(), points.Select(p => new SweepManifestPoint(p.Point.Index, p.Point.Name, SummaryJson.Parameters(p.Spec))).ToArray());

    public string ToJson() => JsonSerializer.Serialize(this, SummaryJson.Context.SweepManifest) + "\n";

    /// <summary>Reads DIR/sweep.json, or null when absent.</summary>
    public static SweepManifest? Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), SummaryJson.Context.SweepManifest) : null;
    }

    /// <summary>Throws <see cref="UsageException"/> for --out when <paramref name="directory"/> holds a different sweep. Writes nothing.</summary>
    public void CheckCompatible(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (File.Exists(path) && File.ReadAllText(path) != ToJson())
            throw new UsageException("out", $"'{directory}' already holds a different sweep (its {FileName} lists other points or parameters); choose another --out.");
    }

    /// <summary>Writes the manifest unless an identical one is there.</summary>
    public void Write(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) AtomicFile.WriteAllText(path, ToJson());
    }
}

/// <summary>One point of the manifest.</summary>
internal sealed record SweepManifestPoint(int Index, string Name, System.Text.Json.Nodes.JsonObject Parameters);
