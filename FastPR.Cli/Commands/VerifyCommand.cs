using System.CommandLine;
using FastPR.Cli.Output;
using FastPR.Core;
using Spectre.Console;

namespace FastPR.Cli.Commands;

/// <summary>
/// <c>fastpr verify</c>: reference against optimized engines on identical minibatches, and explicit against projected in law,
/// at small sizes; prints each deviation beside its tolerance; exit 0 when every check that ran passed, 1 otherwise.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar" };
        var command = new Command("verify", "Check the fast engines against the reference: identical minibatches (MKL) and agreement in law (projected).");
        command.Options.Add(quiet);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            var checks = ConsoleRendering.WithProgress(console, parse.GetValue(quiet), "verify", progress => VerificationSuite.Run(progress, console.Cancellation));
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("check").AddColumn("setting").AddColumn("measure")
                .AddColumn(new TableColumn("deviation").RightAligned()).AddColumn(new TableColumn("tolerance").RightAligned()).AddColumn("result");
            foreach (var check in checks)
            {
                string result = check.Status switch
                {
                    VerificationStatus.Passed => "[green]pass[/]",
                    VerificationStatus.Failed => "[red]FAIL[/]",
                    _ => $"[yellow]skipped[/] ({Markup.Escape(check.Note ?? "")})",
                };
                table.AddRow(Markup.Escape(check.Name), Markup.Escape(check.Setting), Markup.Escape(check.Measure),
                    Format(check.Deviation), Format(check.Tolerance), result);
            }
            ConsoleRendering.Write(console, table);
            int failed = checks.Count(c => c.Status == VerificationStatus.Failed);
            int skipped = checks.Count(c => c.Status == VerificationStatus.Skipped);
            console.Out.WriteLine($"{checks.Count - failed - skipped} passed, {failed} failed, {skipped} skipped.");
            if (console.Cancellation.IsCancellationRequested) return console.InterruptedExitCode();
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(Math.Abs(value) < 1e-3 && value != 0 ? "0.00E+00" : "G3", System.Globalization.CultureInfo.InvariantCulture);
}
