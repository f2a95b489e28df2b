namespace FastPR.Cli;

/// <summary>Process entry point: wires the real console and Ctrl-C to <see cref="FastprCli.Run"/>.</summary>
internal static class Program
{
    internal static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        // First Ctrl-C: stop gracefully (files are written, marked "interrupted"). A second one ends the process at once.
        Console.CancelKeyPress += (_, e) =>
        {
            if (cancellation.IsCancellationRequested) return;
            e.Cancel = true;
            cancellation.Cancel();
        };
        return FastprCli.Run(args, CliConsole.FromSystem(cancellation.Token));
    }
}
