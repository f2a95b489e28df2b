// Cake build script; run through ./build.sh (Linux, macOS) or ./build.ps1 (Windows) --target=<Build|Test|Python|Publish|CrossCheck|Run|Bench|Pack>.
var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");
// The NativeAOT fastpr's instruction set (Publish): x86-64-v3 (AVX2, FMA; runs on any such CPU) by default, "native" for this CPU.
var isa = Argument("isa", "x86-64-v3");
// Extra arguments forwarded to fastpr (Run) or BenchmarkDotNet (Bench), e.g. --args="--filter *Gaussian*".
var extraArgs = Argument("args", "");

const string Solution = "FastPR.sln";
// The host's runtime: Publish and Python build NativeAOT binaries for it (Windows needs Visual Studio's C++ build tools).
var hostRid = IsRunningOnWindows() ? "win-x64" : "linux-x64";
var exe = IsRunningOnWindows() ? ".exe" : "";

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

// Debian's python3 has NumPy, pytest, pip, venv and hatchling (eng/install-interop.sh); the first python3 on PATH may be another.
var python = EnvironmentVariable("FASTPR_PYTHON") ?? (IsRunningOnWindows() ? "python" : "/usr/bin/python3");
const string PythonLayout = "artifacts/python";
// The package's version is the .NET packages' VersionPrefix (PEP 440 has no room for the commit suffix; fastpr.version() has it).
string PythonVersion() => XmlPeek("Directory.Build.props", "/Project/PropertyGroup/VersionPrefix");

// libfastpr.so (NativeAOT) with the MKL dispatch shims beside it, the package around it (PYTHONPATH=artifacts/python works too),
// and the wheel built from it: artifacts/python/fastpr-<version>-py3-none-manylinux_2_N_x86_64.whl.
Task("Python").Does(() =>
{
    var native = "artifacts/interop";
    CleanDirectory(native);
    DotNetPublish("FastPR.Interop/FastPR.Interop.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = hostRid,
        OutputDirectory = native,
        MSBuildSettings = Versioned(),
    });
    // NativeAOT cannot take AVX-512 paths from an x86-64-v3 build (FastPR.Interop.csproj says why), so on x86-64 Linux the wheel
    // also carries an x86-64-v4 build, libfastpr_v4.so, which fastpr/_native.py loads where the CPU has AVX-512. Its own
    // intermediate folder keeps the two compilations from overwriting each other's object files.
    var nativeV4 = "artifacts/interop-v4";
    bool withV4 = hostRid == "linux-x64";
    if (withV4)
    {
        CleanDirectory(nativeV4);
        DotNetPublish("FastPR.Interop/FastPR.Interop.csproj", new DotNetPublishSettings
        {
            Configuration = configuration,
            Runtime = hostRid,
            OutputDirectory = nativeV4,
            MSBuildSettings = Versioned().WithProperty("IlcInstructionSet", "x86-64-v4")
                .WithProperty("NativeIntermediateOutputPath", $"obj/{configuration}/net10.0/{hostRid}/native-v4/"),
        });
    }
    var package = $"{PythonLayout}/fastpr";
    CleanDirectory(PythonLayout);
    EnsureDirectoryExists(package);
    CopyFiles("python/fastpr/*.py", package);
    CopyFiles("python/fastpr/py.typed", package);
    CopyFiles(new[] { "python/pyproject.toml", "python/hatch_build.py", "LICENSE" }, PythonLayout);
    CopyFiles(new[] { IsRunningOnWindows() ? $"{native}/libfastpr.dll" : $"{native}/libfastpr.so", $"{native}/fastpr.h", "LICENSE" }, package);
    // The docstrings cite docs/MODEL.md; the package carries it at that path.
    EnsureDirectoryExists($"{package}/docs");
    CopyFiles("docs/MODEL.md", $"{package}/docs");
    System.IO.File.WriteAllText($"{package}/_version.py",
        "# Written by build.cake from Directory.Build.props' VersionPrefix: the .NET packages' version.\n" +
        $"__version__ = \"{PythonVersion()}\"\n");
    if (withV4) CopyFile($"{nativeV4}/libfastpr.so", $"{package}/libfastpr_v4.so");
    var shims = GetFiles($"{native}/libfastpr_mkl_*_dispatch.so");
    if (shims.Count == 0) Warning("No MKL dispatch shim was built (no C compiler): MKL runs its generic kernels on non-Intel CPUs.");
    CopyFiles(shims, package);
    int exit = StartProcess(python, new ProcessSettings
    {
        Arguments = $"-m pip wheel --no-build-isolation --no-deps --no-index --quiet --wheel-dir {PythonLayout} {PythonLayout}",
        EnvironmentVariables = new Dictionary<string, string> { ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1" },
    });
    if (exit != 0) throw new Exception($"pip wheel failed (exit code {exit}).");
    var wheels = GetFiles($"{PythonLayout}/fastpr-*.whl");
    if (wheels.Count != 1) throw new Exception($"expected one wheel in {PythonLayout}, found {wheels.Count}.");
    Information($"Python wheel: {wheels.Single()} (or PYTHONPATH={MakeAbsolute(Directory(PythonLayout))})");
});

// The fastpr command compiled by NativeAOT, with the MKL dispatch shims beside it: artifacts/fastpr/fastpr starts in milliseconds
// instead of the JIT's half second. Needs clang and zlib1g-dev like libfastpr.so (build.sh installs them for this target).
const string AotLayout = "artifacts/fastpr";
Task("Publish").Does(() =>
{
    CleanDirectory(AotLayout);
    DotNetPublish("FastPR.Cli/FastPR.Cli.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = hostRid,
        OutputDirectory = AotLayout,
        // x86-64-v3 by default, so the binary runs on any AVX2 CPU (eng/cross-check.sh runs it under qemu -cpu max); every vector
        // width gives the same bits (docs/MODEL.md, "Determinism"), so it matches the JIT build's output wherever it runs.
        MSBuildSettings = Versioned().WithProperty("PublishAot", "true").WithProperty("IlcInstructionSet", isa),
    });
    if (GetFiles($"{AotLayout}/libfastpr_mkl_*_dispatch.so").Count == 0)
        Warning("No MKL dispatch shim was built (no C compiler): MKL runs its generic kernels on non-Intel CPUs.");
    Information($"NativeAOT fastpr ({isa}): {MakeAbsolute(File($"{AotLayout}/fastpr{exe}"))}");
});

Task("Test").IsDependentOn("Build").IsDependentOn("Python").IsDependentOn("Publish").Does(() =>
{
    try
    {
        DotNetTest("FastPR.Tests/FastPR.Tests.csproj", new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            // AotBinaryTests compare the binary published above with the JIT build, bit for bit; set, the variable makes them required.
            EnvironmentVariables = new Dictionary<string, string> { ["FASTPR_AOT_CLI"] = MakeAbsolute(File($"{AotLayout}/fastpr{exe}")).FullPath },
            // The console logger's normal verbosity prints the summary line CI greps for.
            Loggers = new[] { "console;verbosity=normal", "trx;LogFileName=results.trx" },
            ResultsDirectory = "artifacts/test-results",
        });
    }
    catch
    {
        PrintFailures("artifacts/test-results/results.trx");
        throw;
    }
    // The Python package's tests run against the wheel installed by pip into a fresh virtual environment (Debian's NumPy, pytest
    // and pandas stay visible through --system-site-packages), never against the source tree; the CLI built above is the
    // reference of the bitwise comparisons.
    var venv = MakeAbsolute(Directory("artifacts/python-venv")).FullPath;
    if (DirectoryExists(venv)) DeleteDirectory(venv, new DeleteDirectorySettings { Recursive = true, Force = true });
    RunChecked(python, $"-m venv --system-site-packages {venv}");
    string wheel = MakeAbsolute(GetFiles($"{PythonLayout}/fastpr-*.whl").Single()).FullPath;
    RunChecked($"{venv}/bin/python", $"-m pip install --no-index --quiet --disable-pip-version-check {wheel}");
    int exit = StartProcess($"{venv}/bin/python", new ProcessSettings
    {
        Arguments = "-m pytest python/tests -p no:cacheprovider -rs",
        EnvironmentVariables = new Dictionary<string, string>
        {
            ["FASTPR_CLI_DLL"] = MakeAbsolute(File($"FastPR.Cli/bin/{configuration}/net10.0/fastpr.dll")).FullPath,
            ["FASTPR_EXPECT_WHEEL"] = wheel,
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        },
    });
    if (exit != 0) throw new Exception($"Python tests failed (pytest exit code {exit}).");
});

// Repeats each failed test's name and message after the run, so a log that keeps only its tail still says what failed.
void PrintFailures(string trx)
{
    if (!FileExists(trx)) return;
    var ns = System.Xml.Linq.XNamespace.Get("http://microsoft.com/schemas/VisualStudio/TeamTest/2010");
    var failed = System.Xml.Linq.XDocument.Load(trx).Descendants(ns + "UnitTestResult").Where(r => (string)r.Attribute("outcome") == "Failed").ToList();
    Information("Failed tests ({0}):", failed.Count);
    foreach (var result in failed)
    {
        string message = result.Descendants(ns + "Message").FirstOrDefault()?.Value ?? "";
        string stack = result.Descendants(ns + "StackTrace").FirstOrDefault()?.Value ?? "";
        Information("  {0}", (string)result.Attribute("testName"));
        foreach (var line in message.Split('\n').Take(12)) Information("    {0}", line.TrimEnd());
        foreach (var line in stack.Split('\n').Take(4)) Information("    {0}", line.TrimEnd());
    }
}

// Runs a command, failing the build on a non-zero exit code.
void RunChecked(string program, string arguments)
{
    int code = StartProcess(program, new ProcessSettings { Arguments = arguments });
    if (code != 0) throw new Exception($"{program} {arguments} failed (exit code {code}).");
}

// The same bits on every platform: eng/cross-check.sh publishes win-x64, linux-arm64 and osx-arm64, runs a fixed set of commands
// under Wine, qemu-aarch64, qemu-x86_64 -cpu max (AVX2) and natively with AVX-512/AVX2/AVX off, and compares every trajectory.csv
// with the native linux-x64 one. FASTPR_REQUIRE_CROSS=1 (CI) turns a skipped platform into a failure.
Task("CrossCheck").Does(() =>
{
    int exit = StartProcess("bash", new ProcessSettings { Arguments = "eng/cross-check.sh" });
    if (exit != 0) throw new Exception($"eng/cross-check.sh failed (exit code {exit}).");
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
