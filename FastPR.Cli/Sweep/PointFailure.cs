using System.Text.Json;
using FastPR.Cli.Output;

namespace FastPR.Cli.Sweep;

/// <summary>
/// Why a sweep point failed, DIR/.points/&lt;point&gt;.failed: written when its run throws or its checkpoint cannot be continued,
/// removed when the point finishes.
/// </summary>
/// <param name="Reason">One line.</param>
/// <param name="Time">When (UTC).</param>
/// <param name="Job">The Slurm job and array task ("123_4"), if any.</param>
internal sealed record PointFailure(string Reason, DateTime Time, string? Job)
{
    public static string PathFor(string directory, string point) => Path.Combine(directory, PointLease.FolderName, point + ".failed");

    /// <summary>The failure of <paramref name="point"/>, or null.</summary>
    public static PointFailure? Read(string directory, string point)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(PathFor(directory, point)), SummaryJson.Context.PointFailure);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            return new PointFailure("(unreadable failure record)", File.GetLastWriteTimeUtc(PathFor(directory, point)), null);
        }
    }

    public void Write(string directory, string point)
    {
        string path = PathFor(directory, point);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, SummaryJson.Context.PointFailure));
    }

    public static void Clear(string directory, string point) => File.Delete(PathFor(directory, point));
}
