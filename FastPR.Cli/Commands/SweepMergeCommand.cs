using System.CommandLine;
using FastPR.Cli.Output;
using FastPR.Cli.Sweep;

namespace FastPR.Cli.Commands;

/// <summary><c>fastpr sweep merge DIR</c>: one CSV of final statistics, phases and fits per finished point.</summary>
internal static class SweepMergeCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("dir") { Description = "The sweep folder" };
        var output = new Option<string?>("--output") { Description = $"CSV file to write [default: DIR/{SweepMerge.DefaultFileName}]", HelpName = "file" };
        var command = new Command("merge", "Merge a sweep folder into one CSV (a row per finished point).");
        command.Arguments.Add(directory);
        command.Options.Add(output);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            string dir = parse.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new UsageException(null, $"'{dir}' is not a directory.");
            string target = parse.GetValue(output) ?? Path.Combine(dir, SweepMerge.DefaultFileName);
            if (Directory.Exists(target)) throw new UsageException("output", $"'{target}' is a directory.");
            string? parent = Path.GetDirectoryName(Path.GetFullPath(target));
            if (parent is null || !Directory.Exists(parent)) throw new UsageException("output", $"the folder of '{target}' does not exist.");
            if (SweepMerge.PointNames(dir).Count == 0)
                throw new UsageException(null, $"'{dir}' is not a sweep folder: it has no {SweepManifest.FileName} and no point folders with {RunOutputs.SummaryFile}.");
            var (merged, missing) = SweepMerge.Write(dir, target);
            console.Out.WriteLine($"merged {merged} point(s) into {target}" + (missing > 0 ? $"; {missing} point(s) have no results yet" : "") + ".");
            if (missing > 0) console.Error.WriteLine($"fastpr: warning: {missing} point(s) of the sweep have no results yet; 'fastpr sweep status {dir}' shows which and what to resubmit.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
