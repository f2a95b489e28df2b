using FastPR.Core;

namespace FastPR.Tests.Cli;

/// <summary>
/// Core's <see cref="RunNames"/> (summary.json's and the C ABI's names of the enums) spell every value exactly as the CLI's
/// option tables do, so summary.json says what the command line said.
/// </summary>
public sealed class RunNamesTests
{
    [Fact]
    public void Match_The_Cli_Tables()
    {
        AssertSame(FastPR.Cli.SimulateOptions.AlgorithmNames);
        AssertSame(FastPR.Cli.SimulateOptions.Engines);
        AssertSame(FastPR.Cli.SimulateOptions.Sources);
        AssertSame(FastPR.Cli.SimulateOptions.Closures);
        AssertSame(FastPR.Cli.SimulateOptions.Inits);
    }

    [Fact]
    public void Parse_Inverts_Of_And_Refuses_Other_Names()
    {
        Assert.Equal(AlgorithmKind.SgdOde, RunNames.Parse<AlgorithmKind>("sgd-ode"));
        Assert.Equal(SgdOdeClosure.HighDimensional, RunNames.Parse<SgdOdeClosure>("high-dimensional"));
        Assert.Null(RunNames.Parse<AlgorithmKind>("SgdOde"));
        Assert.Equal(["wick", "high-dimensional"], RunNames.All<SgdOdeClosure>());
    }

    private static void AssertSame<T>(IReadOnlyDictionary<string, T> table) where T : struct, Enum
    {
        Assert.Equal(Enum.GetValues<T>().Length, table.Count);
        foreach (var (name, value) in table) Assert.Equal(name, RunNames.Of(value));
    }
}
