using System.CommandLine;
using System.CommandLine.Parsing;
using FastPR.Core;
using FastPR.Native;

namespace FastPR.Cli;

/// <summary>
/// Turns failures into exit codes and one stderr line each. Bad input (parse errors, <see cref="UsageException"/>, and Core's
/// <see cref="ArgumentException"/>s whose ParamName is an option of the command) becomes "fastpr: --option: message" and exit 2.
/// </summary>
internal static class ErrorReporting
{
    /// <summary>Runs a command action, mapping exceptions to exit codes and messages.</summary>
    public static int Execute(CliConsole console, Command command, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException ex)
        {
            return BadInput(console, ex.Option, ex.Message);
        }
        catch (ArgumentException ex) when (ex.ParamName is { Length: > 0 } name && HasOption(command, OptionFor(name)))
        {
            return BadInput(console, OptionFor(name), ExceptionText.WithoutParameterSuffix(ex));
        }
        catch (CheckpointException ex)
        {
            return BadInput(console, "resume", ex.Message);
        }
        catch (Exception ex) when (ex is MklNotFoundException or MklException)
        {
            console.Error.WriteLine($"fastpr: {ExceptionText.OneLine(ex.Message)}");
            return ExitCodes.MklUnavailable;
        }
        catch (OperationCanceledException) when (console.Cancellation.IsCancellationRequested)
        {
            console.Error.WriteLine("fastpr: interrupted.");
            return console.InterruptedExitCode();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"fastpr: {ExceptionText.OneLine(ex.Message)}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Writes "fastpr: --option: message" (or "fastpr: message") and returns exit code 2.</summary>
    public static int BadInput(CliConsole console, string? option, string message)
    {
        console.Error.WriteLine(option is null ? $"fastpr: {ExceptionText.OneLine(message)}" : $"fastpr: --{option}: {ExceptionText.OneLine(message)}");
        return ExitCodes.BadInput;
    }

    /// <summary>Reports the first parse error as one line and returns exit code 2.</summary>
    public static int ParseErrors(CliConsole console, ParseResult result)
    {
        var error = result.Errors[0];
        string message = ExceptionText.OneLine(error.Message);
        if (message.StartsWith("--", StringComparison.Ordinal))
        {
            console.Error.WriteLine($"fastpr: {message}");
        }
        else if (error.SymbolResult is OptionResult option)
        {
            console.Error.WriteLine($"fastpr: {option.Option.Name}: {message}");
        }
        else
        {
            string command = result.CommandResult.Command is RootCommand ? "fastpr" : $"fastpr {result.CommandResult.Command.Name}";
            console.Error.WriteLine($"fastpr: {message} (see '{command} --help')");
        }
        return ExitCodes.BadInput;
    }

    // Core names a bad value by its API parameter or property; the command line spells them as options.
    public static string OptionFor(string parameter) => RunFields.ForProperty(parameter)?.Name switch
    {
        "initial" => "init",
        { } name => name,
        null => parameter == "Problem" ? "d" : parameter.ToLowerInvariant(),
    };

    private static bool HasOption(Command command, string name) =>
        command.Options.Any(o => o.Name == "--" + name);
}
