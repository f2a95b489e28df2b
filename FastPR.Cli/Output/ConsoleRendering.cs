using System.Diagnostics;
using FastPR.Core;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FastPR.Cli.Output;

/// <summary>Spectre.Console bound to the CLI's writers: tables on stdout, the progress bar on stderr.</summary>
internal static class ConsoleRendering
{
    /// <summary>Width of tables written to a file or pipe, unless COLUMNS says otherwise.</summary>
    public const int PlainWidth = 120;

    /// <summary>A console writing to <see cref="CliConsole.Out"/>; plain text (no colour, COLUMNS or 120 columns) when it is not a terminal.</summary>
    public static IAnsiConsole Output(CliConsole cli)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(cli.Out),
            Ansi = cli.OutIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = cli.OutIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Without a terminal there is no width to detect; COLUMNS (as in `COLUMNS=250 fastpr > out.txt`) avoids wrapped cells.
        if (!cli.OutIsTerminal)
            console.Profile.Width = int.TryParse(cli.GetEnvironmentVariable("COLUMNS"), out int columns) && columns is >= 40 and <= 1000 ? columns : PlainWidth;
        return console;
    }

    /// <summary>Writes a renderable to stdout.</summary>
    public static void Write(CliConsole cli, IRenderable renderable) => Output(cli).Write(renderable);

    /// <summary>
    /// Renders a small table nowhere on a thread of its own, so that what Spectre.Console builds once per process (its Unicode
    /// width table above all: about half of the 12 ms a run's results table cost) is ready before the run's table, which waits
    /// for the run's predictions.
    /// </summary>
    public static void WarmUpInBackground() => Task.Factory.StartNew(() =>
    {
        try
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(TextWriter.Null),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            console.Profile.Width = PlainWidth;
            var table = new Table().AddColumn("λ").AddColumn("η · σ²");
            table.AddRow(new Markup("1 − |u|"), new Paragraph("t ∈ [0, 1], ρ ≈ 2.5"));
            console.Write(table);
        }
        catch (Exception)
        {
            // Only a warm-up: the real table meets and reports the same problem.
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on stderr when stderr is a terminal and <paramref name="quiet"/> is false;
    /// otherwise runs it with no progress sink at all.
    /// </summary>
    public static T WithProgress<T>(CliConsole cli, bool quiet, string description, Func<IProgress<double>?, T> work) =>
        quiet || !cli.ErrorIsTerminal ? work(null) : WithBar(cli, description, task => work(new TaskProgress(task)));

    /// <summary>
    /// Runs a simulation with the progress bar when stderr is a terminal, with <see cref="PlainProgress"/> lines (the estimated wall
    /// time, then t, steps/s and ETA) when it is not, and with no progress sink when <paramref name="quiet"/>.
    /// </summary>
    public static T WithRunProgress<T>(CliConsole cli, bool quiet, string description, double horizon, Func<IProgress<SimulationProgress>?, T> work)
    {
        if (quiet) return work(null);
        if (!cli.ErrorIsTerminal)
        {
            var clock = Stopwatch.StartNew();
            return work(new PlainProgress(cli.Error, horizon, () => clock.Elapsed));
        }
        return WithBar(cli, description, task => work(new TaskProgress(task)));
    }

    private static T WithBar<T>(CliConsole cli, string description, Func<ProgressTask, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1.0);
                result = work(task);
                task.Value = 1.0;
            });
        return result;
    }

    /// <summary>Forwards fractions to a Spectre task (which is thread-safe), synchronously.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<double>, IProgress<SimulationProgress>
    {
        public void Report(double value) => task.Value = Math.Clamp(value, 0, 1);
        public void Report(SimulationProgress value) => Report(value.Fraction);
    }
}
