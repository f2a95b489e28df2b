using FastPR.Bench;

namespace FastPR.Tests.Bench;

/// <summary>BENCHMARKS.md keeps one generated section per machine type; a run replaces only its own.</summary>
public sealed class BenchReportSpliceTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Splice_ReplacesThisMachineTypesSection_AndKeepsTheOthers()
    {
        const string other = "<!-- bench-report:begin OtherVendor AVX2 (x) -->\nother tables\n<!-- bench-report:end OtherVendor AVX2 -->";
        File.WriteAllText(_path, $"intro\n\n{other}\n\n{BenchReport.Begin}\nold tables\n{BenchReport.End}\n\nreading\n");

        BenchReport.Splice(_path, $"{BenchReport.Begin}\nnew tables\n{BenchReport.End}\n");

        string text = File.ReadAllText(_path);
        Assert.Equal($"intro\n\n{other}\n\n{BenchReport.Begin}\nnew tables\n{BenchReport.End}\n\nreading\n", text);
    }

    [Fact]
    public void Splice_AppendsASectionForANewMachineType()
    {
        const string other = "<!-- bench-report:begin OtherVendor AVX2 (x) -->\nother tables\n<!-- bench-report:end OtherVendor AVX2 -->\n";
        File.WriteAllText(_path, other);

        BenchReport.Splice(_path, $"{BenchReport.Begin}\nnew tables\n{BenchReport.End}\n");

        Assert.Equal($"{other}\n{BenchReport.Begin}\nnew tables\n{BenchReport.End}\n", File.ReadAllText(_path));
    }
}
