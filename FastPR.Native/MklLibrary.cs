using System.Reflection;
using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>
/// Finds and loads Intel MKL's single dynamic library (libmkl_rt.so) once per process, selects the sequential threading
/// layer and the LP64 interface, then chooses MKL's kernels and CNR mode (<see cref="MklStartup"/>), all before any other
/// MKL function can run.
/// </summary>
/// <remarks>
/// Probing order: the environment variable <c>FASTPR_MKL_PATH</c> (when set, only that path is tried),
/// then the names <c>libmkl_rt.so</c>, <c>libmkl_rt.so.2</c>, <c>libmkl_rt.so.1</c>, <c>mkl_rt</c>, then
/// the usual Debian and oneAPI install paths; on Windows the names <c>mkl_rt.2.dll</c>, <c>mkl_rt.dll</c>, <c>mkl_rt.1.dll</c>
/// (the DLL search path: the application folder, then PATH, where oneAPI's setvars.bat and conda put MKL), then the active conda
/// environment's <c>Library\bin</c> and oneAPI's default folder. Every P/Invoke in this assembly is bound through this loader,
/// so no MKL entry point can be reached before the layers are set.
/// </remarks>
public static class MklLibrary
{
    /// <summary>Environment variable that, when set, is the only path tried for libmkl_rt.so.</summary>
    public const string PathVariable = "FASTPR_MKL_PATH";

    /// <summary>Environment variable: "0" keeps MKL's generic kernels on non-Intel CPUs (the fast path is on by default).</summary>
    public const string AmdFastPathVariable = "FASTPR_MKL_AMD_FASTPATH";

    /// <summary>Environment variable: "1" forces MKL's generic kernels on any CPU, as a non-Intel CPU gets them without the fast path.</summary>
    public const string ForceGenericVariable = "FASTPR_MKL_FORCE_GENERIC";

    /// <summary>Environment variable: the CNR mode FastPR sets before MKL's first computation ("auto" by default, "off", or a branch).</summary>
    public const string CnrVariable = "FASTPR_MKL_CNR";

    /// <summary>Library name used by every import in this assembly; the resolver maps it to the loaded handle.</summary>
    internal const string ImportName = "mkl_rt";

    // MKL_THREADING_SEQUENTIAL and MKL_INTERFACE_LP64 from mkl_service.h.
    internal const int ThreadingSequential = 1;
    internal const int InterfaceLp64 = 0;

    private static readonly string[] ProbeNames = OperatingSystem.IsWindows()
        ? ["mkl_rt.2.dll", "mkl_rt.dll", "mkl_rt.1.dll"]
        : ["libmkl_rt.so", "libmkl_rt.so.2", "libmkl_rt.so.1", ImportName];

    private static readonly string[] ProbePaths = OperatingSystem.IsWindows() ? WindowsProbePaths() :
    [
        "/usr/lib/x86_64-linux-gnu/libmkl_rt.so",
        "/opt/intel/oneapi/mkl/latest/lib/libmkl_rt.so",
        "/opt/intel/oneapi/mkl/latest/lib/intel64/libmkl_rt.so",
    ];

    /// <summary>The conda environment's Library\bin (conda or pip "mkl"), then oneAPI's default install folders.</summary>
    private static string[] WindowsProbePaths()
    {
        var paths = new List<string>();
        foreach (string? prefix in new[] { Environment.GetEnvironmentVariable("CONDA_PREFIX"), Path.GetDirectoryName(Environment.ProcessPath) })
            if (!string.IsNullOrEmpty(prefix)) paths.Add(Path.Combine(prefix, "Library", "bin", "mkl_rt.2.dll"));
        foreach (string? root in new[] { Environment.GetEnvironmentVariable("ONEAPI_ROOT"), Environment.GetEnvironmentVariable("ProgramFiles(x86)") is { } x86 ? Path.Combine(x86, "Intel", "oneAPI") : null })
        {
            if (string.IsNullOrEmpty(root)) continue;
            paths.Add(Path.Combine(root, "mkl", "latest", "bin", "mkl_rt.2.dll"));
            paths.Add(Path.Combine(root, "mkl", "latest", "redist", "intel64", "mkl_rt.2.dll"));
        }
        return [.. paths];
    }

    /// <summary>The file name of MKL's single dynamic library on this platform, for messages.</summary>
    internal static string LibraryFileName => OperatingSystem.IsWindows() ? "mkl_rt.2.dll" : "libmkl_rt.so";

    private static readonly Lock Gate = new();
    private static volatile bool s_attempted;
    private static volatile IntPtr s_handle;
    private static string? s_loadedPath;
    private static string? s_loadError;
    private static MklStartupReport? s_startup;
    private static Func<Exception>? s_failure;

    // Installed before any import of this assembly can bind: MklImports' static constructor touches this class.
    static MklLibrary() => NativeLibrary.SetDllImportResolver(typeof(MklLibrary).Assembly, Resolve);

    /// <summary>True when MKL was found, loaded and configured. The first access tries to load it; the result is cached.</summary>
    public static bool IsAvailable
    {
        get
        {
            TryLoadOnce();
            return s_handle != IntPtr.Zero;
        }
    }

    /// <summary>
    /// Whether this process has tried to load MKL (then <see cref="IsAvailable"/> answers without loading anything). Nothing loads
    /// it until something calls it or asks for it, so a process that never needs MKL never pays its load (about 20 ms of CPU).
    /// </summary>
    public static bool LoadAttempted => s_attempted;

    /// <summary>Why MKL is unavailable (one paragraph), or null when it loaded.</summary>
    public static string? LoadError
    {
        get
        {
            TryLoadOnce();
            return s_loadError;
        }
    }

    /// <summary>The file MKL was loaded from (resolved through /proc/self/maps when probed by name), or null when unavailable.</summary>
    public static string? LoadedPath
    {
        get
        {
            TryLoadOnce();
            return s_loadedPath;
        }
    }

    /// <summary>The kernels and CNR mode chosen at load time, or null when MKL is unavailable.</summary>
    public static MklStartupReport? Startup
    {
        get
        {
            TryLoadOnce();
            return s_startup;
        }
    }

    /// <summary>Loads MKL if needed.</summary>
    /// <exception cref="MklNotFoundException">No usable libmkl_rt.so was found.</exception>
    /// <exception cref="MklException">MKL loaded but refused the sequential threading layer, the LP64 interface or the CNR mode,
    /// or FASTPR_MKL_CNR names no CNR mode.</exception>
    public static void EnsureLoaded()
    {
        if (s_handle != IntPtr.Zero)
        {
            return;
        }

        TryLoadOnce();
        if (s_failure is not null)
        {
            throw s_failure();
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != ImportName)
        {
            return IntPtr.Zero;
        }

        // Binding goes through the same path that sets the layers, so no import can run before them. On failure, throw:
        // returning zero would let the runtime's default probing bind libmkl_rt.so without the layers.
        TryLoadOnce();
        return s_handle != IntPtr.Zero ? s_handle : throw s_failure!();
    }

    private static void TryLoadOnce()
    {
        if (s_attempted)
        {
            return;
        }

        lock (Gate)
        {
            if (s_attempted)
            {
                return;
            }

            try
            {
                Load();
            }
            finally
            {
                s_attempted = true;
            }
        }
    }

    private static void Load()
    {
        var attempts = new List<string>();
        string? overridePath = Environment.GetEnvironmentVariable(PathVariable);
        IntPtr handle = IntPtr.Zero;
        string? loadedFrom = null;

        if (!string.IsNullOrEmpty(overridePath))
        {
            if (TryOpen(overridePath, $"{PathVariable}={overridePath}", attempts, out handle))
            {
                loadedFrom = Path.GetFullPath(overridePath);
            }
        }
        else
        {
            foreach (string candidate in ProbeNames.Concat(ProbePaths))
            {
                if (TryOpen(candidate, candidate, attempts, out handle))
                {
                    loadedFrom = IsPath(candidate) ? candidate : MappedPath(candidate) ?? candidate;
                    break;
                }
            }
        }

        if (handle == IntPtr.Zero)
        {
            string tried = string.Join("; ", attempts);
            s_failure = () => new MklNotFoundException(tried);
            s_loadError = s_failure().Message;
            return;
        }

        int status = SelectLayers(handle, out string? failedCall);
        if (failedCall is not null)
        {
            s_failure = () => new MklException(failedCall, status);
            s_loadError = s_failure().Message;
            return;
        }

        // Still before MKL's first dispatching call: the kernels and the CNR mode can be chosen only now.
        MklStartupReport? startup = MklStartup.Apply(handle, out Func<Exception>? startupFailure);
        if (startup is null)
        {
            s_failure = startupFailure;
            s_loadError = s_failure!().Message;
            return;
        }

        MklErrorHandler.Install(handle);
        s_startup = startup;
        s_loadedPath = loadedFrom;
        s_handle = handle;
    }

    private static bool IsPath(string candidate) => candidate.Contains('/', StringComparison.Ordinal) || candidate.Contains('\\', StringComparison.Ordinal);

    private static bool TryOpen(string candidate, string label, List<string> attempts, out IntPtr handle)
    {
        handle = IntPtr.Zero;
        bool isPath = IsPath(candidate);
        if (isPath && !File.Exists(candidate))
        {
            attempts.Add($"{label} (file does not exist)");
            return false;
        }

        try
        {
            handle = isPath
                ? NativeLibrary.Load(Path.GetFullPath(candidate))
                : candidate.Contains('.', StringComparison.Ordinal)
                ? NativeLibrary.Load(candidate)
                : NativeLibrary.Load(candidate, typeof(MklLibrary).Assembly, null); // adds lib/.so; does not call our resolver
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            attempts.Add($"{label} ({LoaderReason(ex.Message)})");
            return false;
        }

        // A file that loads but is not MKL's single dynamic library must not be used.
        if (!NativeLibrary.TryGetExport(handle, "MKL_Set_Threading_Layer", out _) ||
            !NativeLibrary.TryGetExport(handle, "MKL_Set_Interface_Layer", out _))
        {
            NativeLibrary.Free(handle);
            handle = IntPtr.Zero;
            attempts.Add($"{label} (loads, but lacks MKL_Set_Threading_Layer or MKL_Set_Interface_Layer: not libmkl_rt)");
            return false;
        }

        return true;
    }

    // C entry points taking int by value; the lowercase names are Fortran ABI (int*) and must not be used.
    private static unsafe int SelectLayers(IntPtr handle, out string? failedCall)
    {
        var setThreading = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(handle, "MKL_Set_Threading_Layer");
        var setInterface = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(handle, "MKL_Set_Interface_Layer");

        int threading = setThreading(ThreadingSequential);
        if (threading != ThreadingSequential)
        {
            failedCall = "MKL_Set_Threading_Layer(MKL_THREADING_SEQUENTIAL)";
            return threading;
        }

        int iface = setInterface(InterfaceLp64);
        if (iface != InterfaceLp64)
        {
            failedCall = "MKL_Set_Interface_Layer(MKL_INTERFACE_LP64)";
            return iface;
        }

        failedCall = null;
        return 0;
    }

    // The loader resolved a bare name; report the file it actually mapped.
    private static string? MappedPath(string name)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        string stem = Path.GetFileName(name);
        stem = stem.Contains('.', StringComparison.Ordinal) ? stem : $"lib{stem}.so";
        try
        {
            foreach (string line in File.ReadLines(maps))
            {
                int slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && Path.GetFileName(line.AsSpan(slash)).StartsWith(stem, StringComparison.Ordinal))
                {
                    return line[slash..].Trim();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the reported path suffers; the library itself is loaded.
        }

        return null;
    }

    // The runtime's message is generic advice followed by dlerror's text on the last line; the latter says what went wrong.
    private static string LoaderReason(string message)
    {
        string[] lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "could not be loaded" : lines[^1].TrimEnd('.');
    }
}
