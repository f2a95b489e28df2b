using System.Reflection;
using FastPR.Cli;
using FastPR.Tests.Native;

namespace FastPR.Tests.Cli;

/// <summary>
/// The NativeAOT fastpr published by build.cake's Publish target: FASTPR_AOT_CLI when set (the Test target sets it, and then the
/// binary must be there), otherwise artifacts/fastpr/fastpr when it was published from this very build.
/// </summary>
internal static class AotBinary
{
    public const string Variable = "FASTPR_AOT_CLI";

    /// <summary>The binary's full path; skips the test when no binary of this build was published.</summary>
    public static string PathOrSkip()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            Assert.True(File.Exists(given), $"{Variable}={given} does not exist");
            return given;
        }

        string path = System.IO.Path.Combine(TestRepository.Root, "artifacts", "fastpr", "fastpr");
        Skip.IfNot(File.Exists(path), $"{path} is not published (./build.sh --target=Publish)");
        // A binary left from an earlier build would compare two different programs.
        string? version = typeof(FastprCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var printed = FastprProcess.RunExecutable(path, new Dictionary<string, string>(), "--version");
        Skip.IfNot(printed.Stdout.Trim() == version, $"{path} is version '{printed.Stdout.Trim()}', this build '{version}': publish again");
        return path;
    }
}
