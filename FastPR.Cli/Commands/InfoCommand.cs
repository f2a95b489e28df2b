using System.CommandLine;

namespace FastPR.Cli.Commands;

/// <summary><c>fastpr info</c>: MKL, runtime and machine (see <see cref="InfoReport"/>); exit 4 without MKL.</summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("info", "Show the MKL library, code path, runtime and machine; exit 4 when MKL cannot be loaded.");
        command.SetAction(_ => InfoReport.Write(console.Out, console.Error));
        return command;
    }
}
