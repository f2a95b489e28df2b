using FastPR.Cli;

// Temporary dispatch until the command-line framework lands.
if (args.Length == 0 || args[0] == "info")
{
    return InfoReport.Write(Console.Out, Console.Error);
}

Console.Error.WriteLine($"fastpr: unknown command '{args[0]}'. Available: info");
return 2;
