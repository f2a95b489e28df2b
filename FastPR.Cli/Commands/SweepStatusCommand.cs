using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FastPR.Cli.Output;
using FastPR.Cli.Sweep;

namespace FastPR.Cli.Commands;

/// <summary>
/// <c>fastpr sweep status DIR [--shards n] [--json]</c>: counts of points done, running, interrupted, failed and not started, each
/// point's t, last update and failure reason, and the array indices to resubmit; read from the sweep folder alone (no Slurm
/// accounting needed). Running is told from interrupted by the point's lease, renewed every few seconds while it runs.
/// </summary>
internal static class SweepStatusCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("dir") { Description = "The sweep folder" };
        var shards = OptionFactory.OptionalInt("--shards", $"integer ≥ 1; default: from DIR/{SlurmArray.FileName}", "Array tasks of the job script (for the indices to resubmit)");
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var command = new Command("status", "Show which points of a sweep are done, running, interrupted, failed or not started, and the array indices to resubmit.");
        command.Arguments.Add(directory);
        command.Options.Add(shards);
        command.Options.Add(json);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            string dir = parse.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new UsageException(null, $"'{dir}' is not a directory.");
            var manifest = SweepManifest.Read(dir) ?? throw new UsageException(null, $"'{dir}' is not a sweep folder: it has no {SweepManifest.FileName}.");
            int? n = parse.GetValue(shards) ?? SlurmArray.Read(dir)?.Shards;
            if (n is < 1) throw new UsageException("shards", $"shards must be ≥ 1 (got {n}).");
            var status = SweepStatus.Read(dir, manifest, n, DateTime.UtcNow);
            if (parse.GetValue(json))
                console.Out.WriteLine(JsonSerializer.Serialize(status, SummaryJson.Context.SweepStatus));
            else
                WriteText(console.Out, status);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(TextWriter output, SweepStatus status)
    {
        var c = status.Counts;
        output.WriteLine($"sweep {status.Directory}: {status.Points.Count} points; done {c.Done}, running {c.Running}, " +
            $"interrupted {c.Interrupted}, failed {c.Failed}, not started {c.NotStarted}.");
        string[] header = ["point", "state", "t", "last update (UTC)", "task", "note"];
        var rows = status.Points.Select(p => new[]
        {
            p.Name, p.State.Replace('_', ' '), p.T is double t ? SweepRunner.T(t) : "",
            p.LastUpdate?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
            p.Shard?.ToString(CultureInfo.InvariantCulture) ?? "", p.Runner ?? p.Reason ?? "",
        }).ToArray();
        int[] widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        foreach (var row in rows) output.WriteLine(Line(row));
        if (status.Resubmit is null)
            output.WriteLine($"array indices to resubmit: unknown (no {SlurmArray.FileName}; pass --shards with the script's number of array tasks).");
        else if (status.Resubmit.Length == 0)
            output.WriteLine(c.Running > 0 ? "nothing to resubmit; the running points are still running." : "nothing to resubmit: every point is done.");
        else
            output.WriteLine($"array indices to resubmit: {status.Resubmit}   (sbatch --array={status.Resubmit} SCRIPT)");
    }
}
