using System.CommandLine;

namespace FastPR.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "TODO");
        command.SetAction(_ => 1);
        return command;
    }
}
