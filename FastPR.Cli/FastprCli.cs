using System.CommandLine;
using System.CommandLine.Help;
using FastPR.Cli.Commands;

namespace FastPR.Cli;

/// <summary>
/// The <c>fastpr</c> command tree and its in-process entry point. <see cref="Run"/> parses, reports parse errors as one line with
/// exit code 2 (no help dump), and invokes the chosen command with the given console, so tests can call it with string writers.
/// </summary>
internal static class FastprCli
{
    /// <summary>Runs <c>fastpr</c> with <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = Build(console);
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is not HelpAction) return ErrorReporting.ParseErrors(console, result);
        try
        {
            return result.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            console.Error.WriteLine($"fastpr: internal error: {ex}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The command tree.</summary>
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            "FastPR: phase retrieval under power-law data (Braun et al., arXiv 2511.18661). " +
            "With no command, runs the default experiment: the flow (a = 2, d = 1000, T = 1e7) and an 8-seed online-SGD ensemble, into results/.");
        DefaultExperimentCommand.Configure(root, console);
        root.Subcommands.Add(SimulateCommand.Create(console));
        root.Subcommands.Add(TheoryCommand.Create(console));
        root.Subcommands.Add(VerifyCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(SweepCommand.Create(console));
        root.Subcommands.Add(InfoCommand.Create(console));
        return root;
    }
}
