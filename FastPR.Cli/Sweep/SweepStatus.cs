using System.Globalization;
using System.Text.Json;
using FastPR.Cli.Output;
using FastPR.Core;

namespace FastPR.Cli.Sweep;

/// <summary>Where one sweep point stands.</summary>
/// <param name="Index">Grid index.</param>
/// <param name="Name">Folder name.</param>
/// <param name="State">done, running, interrupted, failed or not_started.</param>
/// <param name="T">Time t reached: the final one when done, else the checkpoint's (null without one).</param>
/// <param name="LastUpdate">When its files last changed (UTC; null when not started).</param>
/// <param name="Reason">Why it failed, or why its checkpoint cannot be continued.</param>
/// <param name="Runner">Who runs it, for a running point.</param>
/// <param name="Shard">The array index that runs it (null when the shard count is unknown).</param>
internal sealed record SweepPointStatus(int Index, string Name, string State, double? T, DateTime? LastUpdate, string? Reason, string? Runner, int? Shard);

/// <summary>Counts of the points in each state.</summary>
internal sealed record SweepStatusCounts(int Done, int Running, int Interrupted, int Failed, int NotStarted);

/// <summary>The state of a whole sweep folder, for <c>fastpr sweep status</c> (also its --json document).</summary>
/// <param name="Directory">The sweep folder.</param>
/// <param name="Grid">The grid, as in sweep.json.</param>
/// <param name="Counts">Points per state.</param>
/// <param name="Shards">Array tasks of the job script (from slurm-array.json or --shards), or null.</param>
/// <param name="Resubmit">
/// The array indices whose shards hold points that are interrupted, failed or not started, for <c>sbatch --array=</c>
/// ("1,3-5"); empty when none; null when the shard count is unknown.
/// </param>
/// <param name="Points">Every point, in grid order.</param>
internal sealed record SweepStatus(string Directory, string Grid, SweepStatusCounts Counts, int? Shards, string? Resubmit, IReadOnlyList<SweepPointStatus> Points)
{
    public const string Done = "done", Running = "running", Interrupted = "interrupted", Failed = "failed", NotStarted = "not_started";

    /// <summary>Reads the state of every point of the sweep in <paramref name="directory"/> (which has a manifest) at <paramref name="now"/>.</summary>
    public static SweepStatus Read(string directory, SweepManifest manifest, int? shards, DateTime now)
    {
        var points = manifest.Points.Select(p => ReadPoint(directory, p, shards, now)).ToArray();
        int Count(string state) => points.Count(p => p.State == state);
        var counts = new SweepStatusCounts(Count(Done), Count(Running), Count(Interrupted), Count(Failed), Count(NotStarted));
        string? resubmit = shards is null ? null
            : ArrayRanges(points.Where(p => p.State is Interrupted or Failed or NotStarted).Select(p => p.Shard!.Value));
        return new SweepStatus(directory, manifest.Grid, counts, shards, resubmit, points);
    }

    private static SweepPointStatus ReadPoint(string directory, SweepManifestPoint point, int? shards, DateTime now)
    {
        int? shard = shards is int n ? point.Index % n : null;
        string summary = Path.Combine(directory, point.Name, RunOutputs.SummaryFile);
        if (File.Exists(summary))
        {
            double? finalT = null;
            string? status = null;
            try
            {
                var document = SummaryJson.Deserialize(File.ReadAllText(summary));
                finalT = document.Final?.T;
                status = document.Status;
            }
            catch (JsonException ex)
            {
                status = $"unreadable summary.json ({ExceptionText.OneLine(ex.Message)})";
            }
            return new SweepPointStatus(point.Index, point.Name, Done, finalT, File.GetLastWriteTimeUtc(summary), status, null, shard);
        }

        string checkpointPath = RunCheckpoint.PathIn(Path.Combine(directory, SweepRunner.PartialPrefix + point.Name));
        double? t = null;
        string? checkpointProblem = null;
        DateTime? updated = null;
        if (File.Exists(checkpointPath))
        {
            updated = File.GetLastWriteTimeUtc(checkpointPath);
            try
            {
                t = SimulationCheckpoint.FromBytes(File.ReadAllBytes(checkpointPath)).Time;
            }
            catch (Exception ex) when (ex is CheckpointException or IOException)
            {
                checkpointProblem = $"its checkpoint cannot be continued: {ExceptionText.OneLine(ex.Message)}";
            }
        }
        var lease = PointLease.Read(PointLease.PathFor(directory, point.Name));
        if (lease is not null && lease.IsLive(now))
            return new SweepPointStatus(point.Index, point.Name, Running, t, Latest(updated, lease.Renewed), null, lease.Holder, shard);
        if (PointFailure.Read(directory, point.Name) is { } failure)
            return new SweepPointStatus(point.Index, point.Name, Failed, t, Latest(updated, failure.Time), failure.Reason, null, shard);
        if (updated is not null || lease is not null)
        {
            // An expired lease without a checkpoint: the runner died before its first one; the point starts over.
            return new SweepPointStatus(point.Index, point.Name, Interrupted, t, Latest(updated, lease?.Renewed), checkpointProblem, null, shard);
        }
        return new SweepPointStatus(point.Index, point.Name, NotStarted, null, null, null, null, shard);
    }

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Distinct indices in ascending order, runs of consecutive ones as "lo-hi": "1,3-5".</summary>
    public static string ArrayRanges(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToArray();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }
        return string.Join(',', parts);
    }
}
