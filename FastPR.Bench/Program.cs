using BenchmarkDotNet.Running;
using FastPR.Bench;

// BenchmarkDotNet's own arguments (--filter, --job, ...) pass through; without a job option the published job runs.
// --report <file> also splices the generated tables into that file (see eng/bench-report.sh).
var run = BenchRun.Start(args);
var switcher = BenchmarkSwitcher.FromAssembly(typeof(BenchProblems).Assembly);
var summaries = switcher.Run(run.BenchmarkArguments, PublishedJob.For(run.BenchmarkArguments)).ToList();
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
