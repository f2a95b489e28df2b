using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>MKL's service functions: version and code path, threads, peak memory of MKL's own allocator, and reproducibility (CNR) mode.</summary>
public static unsafe class MklService
{
    // MKL_PEAK_MEM_* from mkl_service.h.
    private const int PeakMemDisable = 0;
    private const int PeakMemEnable = 1;
    private const int PeakMemReset = -1;
    private const int PeakMem = 2;

    // MKL_CBWR_ALL: ask MKL_CBWR_Get for the whole setting.
    private const int CbwrAll = ~0;

    /// <summary>
    /// MKL's own version line (MKL_Get_Version_String), e.g.
    /// "Intel(R) Math Kernel Library Version 2020.0.4 Product Build 20200917 for Intel(R) 64 architecture applications".
    /// </summary>
    public static string Version
    {
        get
        {
            MklLibrary.EnsureLoaded();
            Span<byte> buffer = stackalloc byte[256];
            fixed (byte* p = buffer)
            {
                MklImports.MKL_Get_Version_String(p, buffer.Length);
            }

            int end = buffer.IndexOf((byte)0);
            return System.Text.Encoding.ASCII.GetString(end < 0 ? buffer : buffer[..end]).Trim();
        }
    }

    /// <summary>Major.minor.update of MKL (MKLVersion), e.g. 2020.0.4.</summary>
    public static Version VersionNumber
    {
        get
        {
            MklVersionNative v = GetVersion();
            return new Version(v.MajorVersion, v.MinorVersion, v.UpdateVersion);
        }
    }

    /// <summary>MKL's build date string (MKLVersion.Build), e.g. "20200917".</summary>
    public static string Build => Text(GetVersion().Build);

    /// <summary>
    /// The instruction path MKL dispatched to (MKLVersion.Processor), e.g. "Intel(R) Advanced Vector Extensions 512 ...";
    /// under <see cref="MklCbwr.Compatible"/> it reads "Intel(R) Architecture processors".
    /// </summary>
    /// <remarks>Reading it fixes MKL's dispatch, so with CNR off <see cref="SetCbwr"/> fails afterwards.</remarks>
    public static string CodePath => Text(GetVersion().Processor);

    /// <summary>The branch MKL would choose in <see cref="MklCbwr.Auto"/> mode on this CPU (MKL_CBWR_Get_Auto_Branch).</summary>
    public static MklCbwr AutoBranch
    {
        get
        {
            MklLibrary.EnsureLoaded();
            return (MklCbwr)MklImports.MKL_CBWR_Get_Auto_Branch();
        }
    }

    /// <summary>The kernels and CNR mode FastPR chose when it loaded MKL.</summary>
    /// <exception cref="MklNotFoundException">MKL is not available.</exception>
    public static MklStartupReport Startup
    {
        get
        {
            MklLibrary.EnsureLoaded();
            return MklLibrary.Startup!;
        }
    }

    /// <summary>Threads MKL would use (MKL_Get_Max_Threads); 1 under the sequential layer FastPR selects.</summary>
    public static int MaxThreads
    {
        get
        {
            MklLibrary.EnsureLoaded();
            return MklImports.MKL_Get_Max_Threads();
        }
    }

    /// <summary>The threading layer the loader selected: always "sequential". Parallelism belongs across runs, not inside one call.</summary>
    public static string ThreadingLayer => "sequential";

    /// <summary>
    /// Peak bytes held by MKL's own allocator since tracking was enabled or last reset (MKL_Peak_Mem_Usage(MKL_PEAK_MEM));
    /// -1 while tracking is off. MKL pools freed buffers and counts only fresh allocations, not reuse from its pool.
    /// Managed profilers do not see this memory.
    /// </summary>
    public static long PeakMemoryBytes
    {
        get
        {
            MklLibrary.EnsureLoaded();
            return MklImports.MKL_Peak_Mem_Usage(PeakMem);
        }
    }

    /// <summary>Starts tracking MKL's peak memory (MKL_Peak_Mem_Usage(MKL_PEAK_MEM_ENABLE)).</summary>
    /// <exception cref="MklException">MKL refused.</exception>
    public static void EnablePeakMemoryTracking() => PeakMemoryControl(PeakMemEnable, "MKL_Peak_Mem_Usage(MKL_PEAK_MEM_ENABLE)");

    /// <summary>Stops tracking MKL's peak memory (MKL_Peak_Mem_Usage(MKL_PEAK_MEM_DISABLE)).</summary>
    /// <exception cref="MklException">MKL refused.</exception>
    public static void DisablePeakMemoryTracking() => PeakMemoryControl(PeakMemDisable, "MKL_Peak_Mem_Usage(MKL_PEAK_MEM_DISABLE)");

    /// <summary>Returns the peak so far and restarts it from the current usage (MKL_Peak_Mem_Usage(MKL_PEAK_MEM_RESET)); -1 while tracking is off.</summary>
    /// <returns>The peak before the reset, in bytes.</returns>
    public static long ResetPeakMemory()
    {
        MklLibrary.EnsureLoaded();
        return MklImports.MKL_Peak_Mem_Usage(PeakMemReset);
    }

    /// <summary>The current CNR mode (MKL_CBWR_Get(MKL_CBWR_ALL)); MKL's default is <see cref="MklCbwr.BranchOff"/>.</summary>
    /// <returns>The mode.</returns>
    /// <exception cref="MklException">MKL returned an error code.</exception>
    public static MklCbwr GetCbwr()
    {
        MklLibrary.EnsureLoaded();
        int mode = MklImports.MKL_CBWR_Get(CbwrAll);
        if (mode < 0)
        {
            throw new MklException("MKL_CBWR_Get(MKL_CBWR_ALL)", mode);
        }

        return (MklCbwr)mode;
    }

    /// <summary>Sets the CNR mode (MKL_CBWR_Set).</summary>
    /// <param name="mode">The mode; <see cref="MklCbwr.Compatible"/> makes results bit-identical across machines.</param>
    /// <remarks>
    /// MKL accepts a change only before its first computation, VSL call or <see cref="CodePath"/> query; later it accepts only the mode
    /// already in force. To choose the mode for a whole process without ordering concerns, set the environment variable MKL_CBWR
    /// (e.g. MKL_CBWR=COMPATIBLE).
    /// </remarks>
    /// <exception cref="MklException">MKL refused, e.g. status -8 (MKL_CBWR_ERR_MODE_CHANGE_FAILURE) after initialisation.</exception>
    public static void SetCbwr(MklCbwr mode)
    {
        MklLibrary.EnsureLoaded();
        int status = MklImports.MKL_CBWR_Set((int)mode);
        if (status != 0)
        {
            throw new MklException($"MKL_CBWR_Set({mode})", status);
        }
    }

    private static void PeakMemoryControl(int mode, string call)
    {
        MklLibrary.EnsureLoaded();
        long status = MklImports.MKL_Peak_Mem_Usage(mode);
        if (status < 0)
        {
            throw new MklException(call, (int)status);
        }
    }

    private static MklVersionNative GetVersion()
    {
        MklLibrary.EnsureLoaded();
        MklVersionNative v;
        MklImports.MKL_Get_Version(&v);
        return v;
    }

    private static string Text(IntPtr p) => (Marshal.PtrToStringAnsi(p) ?? string.Empty).Trim();
}
