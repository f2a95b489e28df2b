namespace FastPR.Cli;

/// <summary>Process entry point: wires the real console and the shutdown signals to <see cref="FastprCli.Run"/>.</summary>
internal static class Program
{
    internal static int Main(string[] args)
    {
        // The Windows console's default code page (437, 850, …) garbles the tables' box drawing and λ, η, σ: write UTF-8, as on Linux.
        if (OperatingSystem.IsWindows()) Console.OutputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Core.EnvironmentReport.CollectInBackground();
        using var signals = new ShutdownSignals();
        return FastprCli.Run(args, CliConsole.FromSystem(signals.Token) with { InterruptedExitCode = () => signals.ExitCode });
    }
}
