namespace FastPR.Bench;

/// <summary>
/// The few things the report needs that BenchmarkDotNet does not record: the load average before the run, and FastPR's own
/// option <c>--report &lt;file&gt;</c>, which is taken out of the arguments before BenchmarkDotNet sees them.
/// </summary>
public sealed record BenchRun(string[] BenchmarkArguments, string? ReportPath, string LoadAverageAtStart, DateTime StartedUtc)
{
    /// <summary>Splits the command line and notes the load and time at start.</summary>
    public static BenchRun Start(string[] args)
    {
        var rest = new List<string>();
        string? report = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--report")
            {
                if (i + 1 >= args.Length) throw new ArgumentException("--report needs a file path, e.g. --report BENCHMARKS.md.");
                report = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        return new BenchRun([.. rest], report, Machine.LoadAverage(), DateTime.UtcNow);
    }
}
