using System.Diagnostics;
using FastPR.Native;

namespace FastPR.Tests.Native;

/// <summary>Runs the fastpr CLI (fastpr.dll, copied next to the test assembly) in a child process with a controlled environment.</summary>
internal static class FastprProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(StartInfo(environment, args));

    /// <summary>Runs fastpr with <paramref name="directory"/> as its working directory.</summary>
    public static Result RunIn(string directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(environment, args);
        start.WorkingDirectory = directory;
        return Run(start);
    }

    /// <summary>Runs another build of fastpr, an executable such as the NativeAOT binary, with the same controlled environment.</summary>
    public static Result RunExecutable(string executable, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(StartInfo(executable, null, environment, args));

    private static Result Run(ProcessStartInfo start)
    {
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

    /// <summary>Starts fastpr without waiting; its output is collected as it comes.</summary>
    public static Running Start(IReadOnlyDictionary<string, string> environment, params string[] args) => new(StartInfo(environment, args));

    /// <summary>The full path of fastpr.dll and the host that runs it.</summary>
    public static (string Host, string Dll) Command()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "fastpr.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project must reference FastPR.Cli");
        return (DotnetHost(), dll);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var (host, dll) = Command();
        return StartInfo(host, dll, environment, args);
    }

    private static ProcessStartInfo StartInfo(string program, string? dll, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dll is not null) start.ArgumentList.Add(dll);
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
        return start;
    }

    /// <summary>A fastpr child process that is still running: its output so far, signals, and the wait for its exit.</summary>
    public sealed class Running : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _stdout = new(), _stderr = new();

        public Running(ProcessStartInfo start)
        {
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

        /// <summary>Waits (up to 60 s) until <paramref name="condition"/> holds; fails if the process ends first.</summary>
        public void WaitUntil(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!condition())
            {
                if (_process.HasExited) Assert.Fail($"fastpr exited ({_process.ExitCode}) before {what}; stderr: {Stderr}");
                Assert.True(DateTime.UtcNow < deadline, $"no {what} within 60 s; stderr: {Stderr}");
                Thread.Sleep(50);
            }
        }

        /// <summary>Sends a signal (Linux number) to the process.</summary>
        public void Signal(int signal) => Assert.Equal(0, NativeMethods.Kill(_process.Id, signal));

        /// <summary>Sends a signal unless the process has already ended (then it returns false: a fast machine got there first).</summary>
        public bool TrySignal(int signal)
        {
            if (_process.HasExited) return false;
            if (NativeMethods.Kill(_process.Id, signal) == 0) return true;
            Assert.True(_process.HasExited, $"kill({signal}) failed on a running fastpr");
            return false;
        }

        /// <summary>Waits (up to 60 s) for the exit; returns the exit code and the whole output.</summary>
        public Result WaitForExit()
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                _process.Kill(entireProcessTree: true);
                Assert.Fail("fastpr did not exit within 60 s");
            }
            _process.WaitForExit(); // flushes the asynchronous readers
            string stdout;
            lock (_stdout) stdout = _stdout.ToString();
            return new Result(_process.ExitCode, stdout, Stderr);
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    private static class NativeMethods
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }

    // The SDK tells child processes which host it runs; fall back to the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
