// Cake build script; run through ./build.sh --target=<Build|Test|Run|Bench|Pack>.
var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");
// Extra arguments forwarded to fastpr (Run) or BenchmarkDotNet (Bench), e.g. --args="--filter *Gaussian*".
var extraArgs = Argument("args", "");

const string Solution = "FastPR.sln";

// Package versions: VersionPrefix from Directory.Build.props plus the commit, so a re-pack never hides behind the NuGet cache.
string CommitSuffix()
{
    try
    {
        StartProcess("git", new ProcessSettings { Arguments = "rev-parse --short=8 HEAD", RedirectStandardOutput = true, Silent = true }, out var lines);
        string hash = lines.FirstOrDefault()?.Trim() ?? "";
        return hash.Length > 0 ? "g" + hash : "";
    }
    catch
    {
        return "";
    }
}
var versionSuffix = CommitSuffix();
DotNetMSBuildSettings Versioned() =>
    string.IsNullOrEmpty(versionSuffix) ? new DotNetMSBuildSettings() : new DotNetMSBuildSettings().WithProperty("VersionSuffix", versionSuffix);

Task("Build").Does(() =>
{
    DotNetBuild(Solution, new DotNetBuildSettings { Configuration = configuration, MSBuildSettings = Versioned() });
});

Task("Test").IsDependentOn("Build").Does(() =>
{
    DotNetTest("FastPR.Tests/FastPR.Tests.csproj", new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        // The console logger's normal verbosity prints the summary line CI greps for.
        Loggers = new[] { "console;verbosity=normal", "trx;LogFileName=results.trx" },
        ResultsDirectory = "artifacts/test-results",
    });
});

Task("Run").IsDependentOn("Build").Does(() =>
{
    DotNetRun("FastPR.Cli/FastPR.Cli.csproj", new ProcessArgumentBuilder().Append(extraArgs), new DotNetRunSettings
    {
        Configuration = configuration,
        NoBuild = true,
    });
});

Task("Bench").IsDependentOn("Build").Does(() =>
{
    var args = string.IsNullOrWhiteSpace(extraArgs) ? "--filter *" : extraArgs;
    DotNetRun("FastPR.Bench/FastPR.Bench.csproj", new ProcessArgumentBuilder().Append(args), new DotNetRunSettings
    {
        Configuration = configuration,
        NoBuild = true,
    });
});

Task("Pack").IsDependentOn("Build").Does(() =>
{
    foreach (var project in new[] { "FastPR.Native/FastPR.Native.csproj", "FastPR.Core/FastPR.Core.csproj", "FastPR.Cli/FastPR.Cli.csproj" })
    {
        DotNetPack(project, new DotNetPackSettings
        {
            Configuration = configuration,
            NoBuild = true,
            OutputDirectory = "artifacts/packages",
            MSBuildSettings = Versioned(),
        });
    }
});

RunTarget(target);
