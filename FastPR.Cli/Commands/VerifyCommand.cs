using System.CommandLine;

namespace FastPR.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("verify", "TODO");
        command.SetAction(_ => 1);
        return command;
    }
}
