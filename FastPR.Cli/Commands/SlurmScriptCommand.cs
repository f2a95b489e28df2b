using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FastPR.Cli.Input;
using FastPR.Cli.Output;
using FastPR.Cli.Sweep;

namespace FastPR.Cli.Commands;

/// <summary>
/// <c>fastpr sweep slurm-script</c>: prints an sbatch job-array script that runs the same sweep, one shard per array task: task i
/// runs shard i/n, its index taken from SLURM_ARRAY_TASK_ID alone, so any subset of tasks can be resubmitted
/// (<c>sbatch --array=3,5</c>). Every path in it is absolute, so it runs unedited from any directory: the fastpr binary (this one
/// by default), the sweep folder (also the job's working directory) and the logs, DIR/logs/task-&lt;index&gt;.out, appended to
/// across requeues and resubmissions. The task gets SIGTERM a tenth of its time limit (10 s to 5 min) before the limit and its
/// points save their checkpoints. Creates DIR and DIR/logs (sbatch needs the log folder before the job starts) and records the
/// task count in DIR/slurm-array.json for <c>fastpr sweep status</c>.
/// </summary>
internal static partial class SlurmScriptCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new SweepCommand.SweepOptions();
        var shards = OptionFactory.OptionalInt("--shards", "integer ≥ 1; default: points ÷ cpus-per-task, rounded up, at most MaxArraySize", "Array tasks");
        var cpus = OptionFactory.Int("--cpus-per-task", 2, "integer ≥ 1", "CPUs per array task (points run in parallel on them)");
        var timeLimit = new Option<string>("--time-limit") { DefaultValueFactory = _ => "04:00:00", Description = "Wall-time limit per task (minutes, hh:mm:ss, d-hh:mm, …)", HelpName = "time" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition", HelpName = "name" };
        var account = new Option<string?>("--account") { Description = "Slurm account charged", HelpName = "name" };
        var qos = new Option<string?>("--qos") { Description = "Slurm quality of service", HelpName = "name" };
        var memory = new Option<string?>("--mem") { Description = "Memory per task, e.g. 4G (sbatch --mem)", HelpName = "size" };
        var throttle = OptionFactory.OptionalInt("--array-throttle", "integer ≥ 1", "Most array tasks running at once (sbatch --array=…%N)");
        var maxArraySize = OptionFactory.OptionalInt("--max-array-size", "integer ≥ 1; default: from scontrol show config, else 1001", "The cluster's MaxArraySize");
        var jobName = new Option<string>("--job-name") { DefaultValueFactory = _ => "fastpr-sweep", Description = "Job name", HelpName = "name" };
        var executable = new Option<string?>("--executable") { Description = "The fastpr binary or fastpr.dll the cluster runs; a bare name not on PATH here is left for the node's PATH (after --setup) [default: this fastpr]", HelpName = "path" };
        var sbatch = new Option<string[]>("--sbatch") { Description = "An extra #SBATCH line, e.g. \"--constraint=avx512\" (repeatable)", HelpName = "line", Arity = ArgumentArity.ZeroOrMore };
        var setup = new Option<string[]>("--setup") { Description = "A shell line run before fastpr, e.g. \"module load intel-mkl\" (repeatable)", HelpName = "line", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("slurm-script", "Print an sbatch job-array script for the sweep (submit with sbatch; watch with 'fastpr sweep status'; merge with 'fastpr sweep merge').");
        foreach (var option in options.All) command.Options.Add(option);
        foreach (var option in new Option[] { shards, cpus, timeLimit, partition, account, qos, memory, throttle, maxArraySize, jobName, executable, sbatch, setup })
            command.Options.Add(option);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            var grid = SweepGrid.Parse(parse.GetValue(options.Grid), options.Simulate.Keys);
            var planned = SweepPlan.Build(grid, options.Simulate, parse);
            int cpusPerTask = parse.GetValue(cpus);
            if (cpusPerTask < 1) throw new UsageException("cpus-per-task", $"cpus-per-task must be ≥ 1 (got {cpusPerTask}).");
            var limit = SlurmTime.Parse(parse.GetValue(timeLimit)!.Trim());
            int margin = SlurmTime.SignalMargin(limit);
            int? throttleValue = parse.GetValue(throttle);
            if (throttleValue is < 1) throw new UsageException("array-throttle", $"array-throttle must be ≥ 1 (got {throttleValue}).");
            var (arrayLimit, arrayLimitSource) = parse.GetValue(maxArraySize) is int given ? (given, "--max-array-size")
                : SlurmConfig.MaxArraySize() is int read ? (read, "scontrol show config")
                : (SlurmConfig.DefaultMaxArraySize, "Slurm's default; scontrol show config gave none");
            if (arrayLimit < 1) throw new UsageException("max-array-size", $"max-array-size must be ≥ 1 (got {arrayLimit}).");
            int tasks;
            if (parse.GetValue(shards) is int requested)
            {
                if (requested < 1) throw new UsageException("shards", $"shards must be ≥ 1 (got {requested}).");
                if (requested > arrayLimit)
                    throw new UsageException("shards", $"{requested} array tasks exceed the cluster's MaxArraySize {arrayLimit} ({arrayLimitSource}); use --shards {arrayLimit} or fewer.");
                tasks = Math.Min(requested, planned.Count);
            }
            else
            {
                tasks = Math.Min((planned.Count + cpusPerTask - 1) / cpusPerTask, arrayLimit);
            }
            string name = Word(parse.GetValue(jobName)!, "job-name");
            var directives = new List<string>();
            foreach (var (option, flag) in new[] { (partition, "partition"), (account, "account"), (qos, "qos") })
            {
                if (parse.GetValue(option) is { } value) directives.Add($"--{flag}={Word(value, flag)}");
            }
            if (parse.GetValue(memory) is { } mem)
            {
                if (!MemoryPattern().IsMatch(mem)) throw new UsageException("mem", $"'{mem}' is not a Slurm memory size (e.g. 500M, 4G).");
                directives.Add($"--mem={mem}");
            }
            foreach (string line in parse.GetValue(sbatch) ?? [])
            {
                string trimmed = line.Trim();
                if (trimmed.StartsWith("#SBATCH", StringComparison.Ordinal)) trimmed = trimmed["#SBATCH".Length..].Trim();
                if (!trimmed.StartsWith('-') || trimmed.Contains('\n', StringComparison.Ordinal))
                    throw new UsageException("sbatch", $"'{line}' is not an sbatch option on one line (e.g. --constraint=avx512).");
                directives.Add(trimmed);
            }
            string[] setupLines = parse.GetValue(setup) ?? [];
            if (setupLines.FirstOrDefault(l => l.Contains('\n', StringComparison.Ordinal) || l.Contains('\r', StringComparison.Ordinal)) is { } multiline)
                throw new UsageException("setup", $"'{multiline}' spans several lines; give each line its own --setup.");

            var fastpr = parse.GetValue(executable) is { } path ? FastprExecutable.From(path) : FastprExecutable.Current();
            string run = string.Join(' ', fastpr.Select(Quote));
            string directory = Path.GetFullPath(OutputDirectory.Check(parse.GetValue(options.Out)!, "out"));
            if (directory.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '%' or '"' or '\''))
                throw new UsageException("out", $"'{directory}' has spaces, quotes or '%', which #SBATCH lines cannot carry; choose a plainer path.");
            var manifest = SweepManifest.For(grid, planned);
            manifest.CheckCompatible(directory);
            string logs = Path.Combine(directory, "logs");

            var arguments = new List<string> { "sweep" };
            foreach (var option in options.All)
            {
                if (option == options.Out || !SimulateOptions.IsExplicit(parse, option)) continue;
                if (option is Option<bool> flag)
                {
                    if (parse.GetValue(flag)) arguments.Add(option.Name);
                    continue;
                }
                string value = parse.GetResult(option)!.Tokens[^1].Value;
                // Files named on the command line must be found from the job's working directory (the sweep folder) too.
                if (option.Name is "--spectrum" or "--teacher" or "--init" && File.Exists(value)) value = Path.GetFullPath(value);
                else if (option.Name == "--schedule") value = ScheduleFile.WithFullPath(value);
                arguments.AddRange([option.Name, value]);
            }
            arguments.AddRange([options.Out.Name, directory]);
            // exec: fastpr becomes the batch shell, which is the process --signal=B: reaches.
            string exec = $"exec {run} {string.Join(' ', arguments.Select(Quote))} " +
                $"--shard \"${{SLURM_ARRAY_TASK_ID:?submit this script with sbatch}}/{tasks}\" --jobs \"${{SLURM_CPUS_PER_TASK:-1}}\" --quiet";

            var script = new StringBuilder();
            void Line(string text) => script.Append(text).Append('\n');
            Line("#!/bin/bash");
            Line(Invariant($"# FastPR {Core.EnvironmentReport.FastprVersion}: {planned.Count} grid points in {tasks} array tasks (MaxArraySize {arrayLimit}: {arrayLimitSource})."));
            Line(Invariant($"# Task i runs shard i/{tasks} (points k with k mod {tasks} = i); i is SLURM_ARRAY_TASK_ID. Submit from any directory."));
            Line(Invariant($"# SIGTERM {margin} s before the time limit stops a task cleanly: finished points are kept, running ones checkpointed."));
            Line($"# Watch:    {run} sweep status {Quote(directory)}");
            Line("# Resubmit: sbatch --array=INDICES this-script (INDICES from sweep status; finished points are skipped)");
            Line($"# Merge:    {run} sweep merge {Quote(directory)}");
            Line($"#SBATCH --job-name={name}");
            Line(Invariant($"#SBATCH --array=0-{tasks - 1}") + (throttleValue is int n ? Invariant($"%{n}") : ""));
            Line(Invariant($"#SBATCH --cpus-per-task={cpusPerTask}"));
            Line($"#SBATCH --time={Format(limit)}");
            Line(Invariant($"#SBATCH --signal=B:TERM@{margin}"));
            Line($"#SBATCH --chdir={directory}");
            Line($"#SBATCH --output={Path.Combine(logs, "task-%a.out")}");
            Line("#SBATCH --open-mode=append");
            foreach (string directive in directives) Line("#SBATCH " + directive);
            Line("set -eo pipefail");
            foreach (string line in setupLines) Line(line);
            Line("set -u");
            Line("echo \"== $(date -u +%Y-%m-%dT%H:%M:%SZ) job ${SLURM_JOB_ID:-?}, array task ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID:-?} " +
                "on $(hostname), restart ${SLURM_RESTART_COUNT:-0}\"");
            Line(exec);

            Directory.CreateDirectory(logs);
            manifest.Write(directory);
            new SlurmArray(tasks, cpusPerTask).Write(directory);
            console.Out.Write(script.ToString());
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The limit as d-hh:mm:ss.</summary>
    private static string Format(TimeSpan limit) =>
        Invariant($"{(int)limit.TotalDays}-{limit.Hours:00}:{limit.Minutes:00}:{limit.Seconds:00}");

    private static string Word(string value, string option) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? value
            : throw new UsageException(option, $"'{value}' must be one word without spaces.");

    /// <summary>Single-quotes a word for bash when it needs it.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ',' or '+' or ':')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^\d+[KMGT]?$")]
    private static partial Regex MemoryPattern();
}
