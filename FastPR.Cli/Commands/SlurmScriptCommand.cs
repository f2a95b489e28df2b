using System.CommandLine;
using System.Globalization;
using System.Text;
using FastPR.Cli.Sweep;

namespace FastPR.Cli.Commands;

/// <summary>
/// <c>fastpr sweep slurm-script</c>: prints an sbatch job-array script that runs the same sweep, one shard per array task: task i
/// runs shard i/n, its index taken from SLURM_ARRAY_TASK_ID alone, so any subset of tasks can be resubmitted
/// (<c>sbatch --array=3,5</c>). The task gets SIGTERM two minutes before its time limit and stops cleanly.
/// </summary>
internal static class SlurmScriptCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new SweepCommand.SweepOptions();
        var shards = OptionFactory.OptionalInt("--shards", "integer ≥ 1; default: points ÷ cpus-per-task, rounded up", "Array tasks");
        var cpus = OptionFactory.Int("--cpus-per-task", 2, "integer ≥ 1", "CPUs per array task (points run in parallel on them)");
        var timeLimit = new Option<string>("--time-limit") { DefaultValueFactory = _ => "04:00:00", Description = "Wall-time limit per task", HelpName = "hh:mm:ss" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition", HelpName = "name" };
        var jobName = new Option<string>("--job-name") { DefaultValueFactory = _ => "fastpr-sweep", Description = "Job name", HelpName = "name" };
        var executable = new Option<string>("--executable") { DefaultValueFactory = _ => "fastpr", Description = "How the cluster runs FastPR", HelpName = "command" };
        var command = new Command("slurm-script", "Print an sbatch job-array script for the sweep (submit with sbatch; merge with 'fastpr sweep merge').");
        foreach (var option in options.All) command.Options.Add(option);
        foreach (var option in new Option[] { shards, cpus, timeLimit, partition, jobName, executable }) command.Options.Add(option);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            var grid = SweepGrid.Parse(parse.GetValue(options.Grid), options.Simulate.Keys);
            var planned = SweepPlan.Build(grid, options.Simulate, parse);
            int cpusPerTask = parse.GetValue(cpus);
            if (cpusPerTask < 1) throw new UsageException("cpus-per-task", $"cpus-per-task must be ≥ 1 (got {cpusPerTask}).");
            int tasks = parse.GetValue(shards) ?? (planned.Count + cpusPerTask - 1) / cpusPerTask;
            if (tasks < 1) throw new UsageException("shards", $"shards must be ≥ 1 (got {tasks}).");
            tasks = Math.Min(tasks, planned.Count);
            string limit = parse.GetValue(timeLimit)!;
            if (limit.Any(char.IsWhiteSpace) || limit.Length == 0) throw new UsageException("time-limit", $"'{limit}' is not a Slurm time (e.g. 04:00:00).");

            var arguments = new List<string> { "sweep" };
            foreach (var option in options.All)
            {
                if (!SimulateOptions.IsExplicit(parse, option)) continue;
                var result = parse.GetResult(option)!;
                if (option is Option<bool>)
                {
                    if (parse.GetValue((Option<bool>)option)) arguments.Add(option.Name);
                    continue;
                }
                arguments.Add(option.Name);
                arguments.Add(result.Tokens[^1].Value);
            }
            if (!SimulateOptions.IsExplicit(parse, options.Out)) arguments.AddRange([options.Out.Name, parse.GetValue(options.Out)!]);
            // exec: fastpr becomes the batch shell, which is the process --signal=B: reaches.
            string run = $"exec {parse.GetValue(executable)} {string.Join(' ', arguments.Select(Quote))} " +
                $"--shard \"${{SLURM_ARRAY_TASK_ID:?submit this script with sbatch}}/{tasks}\" --jobs \"${{SLURM_CPUS_PER_TASK:-1}}\" --quiet";

            var script = new StringBuilder();
            script.AppendLine("#!/bin/bash");
            script.AppendLine(CultureInfo.InvariantCulture, $"# FastPR {Core.EnvironmentReport.FastprVersion}: {planned.Count} grid points in {tasks} array tasks.");
            script.AppendLine(CultureInfo.InvariantCulture, $"# Task i runs shard i/{tasks} (points k with k mod {tasks} = i); i is SLURM_ARRAY_TASK_ID.");
            script.AppendLine("# Resubmitting skips finished points; rerun only failed tasks with e.g. sbatch --array=3,5 this-script.sh");
            script.AppendLine("# SIGTERM (120 s before the time limit) stops a task cleanly: finished points are kept.");
            script.AppendLine("# Afterwards: " + $"{parse.GetValue(executable)} sweep merge {Quote(parse.GetValue(options.Out)!)}");
            script.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --job-name={parse.GetValue(jobName)}");
            script.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{tasks - 1}");
            script.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpusPerTask}");
            script.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --time={limit}");
            script.AppendLine("#SBATCH --signal=B:TERM@120");
            script.AppendLine("#SBATCH --output=fastpr-sweep-%A_%a.out");
            if (parse.GetValue(partition) is { Length: > 0 } name) script.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --partition={name}");
            script.AppendLine("set -euo pipefail");
            script.AppendLine(run);
            console.Out.Write(script.ToString());
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Single-quotes a word for bash when it needs it.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ',' or '+' or ':')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
