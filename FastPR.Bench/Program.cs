using BenchmarkDotNet.Running;
using FastPR.Bench;

// BenchmarkDotNet's own arguments (--filter, --job, ...) pass through; --report <file> also splices the tables into that file.
var run = BenchRun.Start(args);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchProblems).Assembly).Run(run.BenchmarkArguments).ToList();
if (summaries.Count == 0) return;
string report = BenchReport.Render(summaries, run, args);
string resultsPath = Path.Combine(summaries[0].ResultsDirectoryPath, "FastPR-report.md");
File.WriteAllText(resultsPath, report);
Console.WriteLine($"// FastPR report: {resultsPath}");
if (run.ReportPath is { } path)
{
    BenchReport.Splice(path, report);
    Console.WriteLine($"// FastPR report spliced into {path}");
}
