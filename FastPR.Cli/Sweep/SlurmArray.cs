using System.Text.Json;
using FastPR.Cli.Output;

namespace FastPR.Cli.Sweep;

/// <summary>
/// How <c>fastpr sweep slurm-script</c> split the sweep into array tasks, DIR/slurm-array.json, so that <c>fastpr sweep status</c>
/// can name the array indices to resubmit.
/// </summary>
/// <param name="Shards">Array tasks: task i runs the points k with k mod Shards = i.</param>
/// <param name="CpusPerTask">CPUs per task.</param>
internal sealed record SlurmArray(int Shards, int CpusPerTask)
{
    public const string FileName = "slurm-array.json";

    public static SlurmArray? Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SummaryJson.Context.SlurmArray);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(string directory) => AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, SummaryJson.Context.SlurmArray) + "\n");
}
