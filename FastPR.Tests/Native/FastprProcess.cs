using System.Diagnostics;
using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Runs the fastpr CLI (fastpr.dll, copied next to the test assembly) in a child process with a controlled environment.</summary>
internal static class FastprProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "fastpr.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project must reference FastPR.Cli");

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must not inherit overrides the test did not ask for.
        foreach (string inherited in new[] { "FASTPR_MKL_PATH", "MKL_CBWR", MklLibrary.CnrVariable, MklLibrary.AmdFastPathVariable, MklLibrary.ForceGenericVariable })
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("fastpr did not exit within 60 s");
        }

        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    // The SDK tells child processes which host it runs; fall back to the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
