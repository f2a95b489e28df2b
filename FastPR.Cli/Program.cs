namespace FastPR.Cli;

/// <summary>Process entry point: wires the real console and the shutdown signals to <see cref="FastprCli.Run"/>.</summary>
internal static class Program
{
    internal static int Main(string[] args)
    {
        Core.EnvironmentReport.CollectInBackground();
        using var signals = new ShutdownSignals();
        return FastprCli.Run(args, CliConsole.FromSystem(signals.Token) with { InterruptedExitCode = () => signals.ExitCode });
    }
}
