using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>
/// The two decisions FastPR makes right after selecting MKL's layers and before MKL's first dispatching call, when both
/// are still open: which kernels MKL runs, and which CNR mode makes its results repeat bit for bit.
/// </summary>
/// <remarks>
/// <para><b>Kernels.</b> MKL runs generic kernels on every non-Intel CPU. Defining mkl_serv_intel_cpu_true() in a shared
/// object loaded with RTLD_GLOBAL before MKL's first dispatch makes MKL pick the kernels the CPU's instruction set supports,
/// exactly as on an Intel CPU with the same ISA. It is on by default on non-Intel CPUs; FASTPR_MKL_AMD_FASTPATH=0 turns it off.</para>
/// <para><b>Reproducibility.</b> With CNR off (MKL's default), MKL's generic kernels give results that depend on the
/// alignment of the buffers, and managed arrays move, so one seed gave different last bits run to run. FastPR sets
/// MKL_CBWR_AUTO (the best branch for this CPU, then fixed) unless FASTPR_MKL_CNR or MKL's own MKL_CBWR says otherwise.</para>
/// </remarks>
internal static class MklStartup
{
    public const string IntelShim = "libfastpr_mkl_intel_dispatch.so";
    public const string GenericShim = "libfastpr_mkl_generic_dispatch.so";

    // MKL_CBWR_ERR_UNKNOWN_BRANCH (mkl_service.h).
    private const int UnknownBranch = -4;

    /// <summary>Applies both decisions. Returns null and sets <paramref name="failure"/> when a setting is invalid or MKL refuses it.</summary>
    public static unsafe MklStartupReport? Apply(IntPtr mkl, out Func<Exception>? failure)
    {
        failure = null;
        var (dispatch, dispatchNote) = ChooseKernels();

        string? mklCbwr = Environment.GetEnvironmentVariable("MKL_CBWR");
        if (!string.IsNullOrEmpty(mklCbwr))
        {
            return new MklStartupReport(dispatch, dispatchNote, null, $"MKL_CBWR={mklCbwr} from the environment (applied by MKL itself)");
        }

        string? setting = Environment.GetEnvironmentVariable(MklLibrary.CnrVariable);
        MklCbwr? mode;
        string note;
        if (string.IsNullOrEmpty(setting) || setting.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            mode = MklCbwr.Auto;
            note = "Auto, set by FastPR before MKL's first computation: bitwise repeatable on this machine and MKL build";
        }
        else if (setting.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            mode = null;
            note = $"{MklLibrary.CnrVariable}=off: MKL's default, results may depend on buffer alignment and differ run to run";
        }
        else if (ParseBranch(setting) is MklCbwr branch)
        {
            mode = branch;
            note = $"{branch}, set from {MklLibrary.CnrVariable}={setting}";
        }
        else
        {
            failure = () => new MklException("MKL_CBWR_Set", UnknownBranch,
                $"{MklLibrary.CnrVariable}='{setting}' is not a CNR mode; use auto, off, compatible, sse2, ssse3, sse4_1, sse4_2, avx, avx2, avx512 or avx512_e1.");
            return null;
        }

        if (mode is MklCbwr requested)
        {
            var set = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(mkl, "MKL_CBWR_Set");
            int status = set((int)requested);
            if (status != 0)
            {
                failure = () => new MklException($"MKL_CBWR_Set({requested}) ({note})", status);
                return null;
            }
        }

        return new MklStartupReport(dispatch, dispatchNote, mode, note);
    }

    private static (MklCpuDispatch, string) ChooseKernels()
    {
        if (Environment.GetEnvironmentVariable(MklLibrary.ForceGenericVariable) == "1")
        {
            return LoadShim(GenericShim, out string? error)
                ? (MklCpuDispatch.ForcedGeneric, $"generic kernels forced by {MklLibrary.ForceGenericVariable}=1")
                : (MklCpuDispatch.MklDefault, $"{MklLibrary.ForceGenericVariable}=1 ignored: {error}");
        }

        if (CpuInfo.IsIntel)
        {
            return (MklCpuDispatch.MklDefault, "Intel CPU: MKL picks the kernels for its ISA itself");
        }

        if (Environment.GetEnvironmentVariable(MklLibrary.AmdFastPathVariable) == "0")
        {
            return (MklCpuDispatch.MklDefault, $"fast path off ({MklLibrary.AmdFastPathVariable}=0): MKL runs its generic kernels on this {CpuInfo.Vendor} CPU");
        }

        return LoadShim(IntelShim, out string? reason)
            ? (MklCpuDispatch.FastPath, $"fast path on: MKL runs the kernels for this CPU's ISA ({CpuInfo.Isa}) as on an Intel CPU; {MklLibrary.AmdFastPathVariable}=0 turns it off")
            : (MklCpuDispatch.MklDefault, $"fast path unavailable ({reason}): MKL runs its generic kernels on this {CpuInfo.Vendor} CPU");
    }

    private static bool LoadShim(string name, out string? error)
    {
        string? path = FindShim(name);
        if (path is null)
        {
            error = $"{name} is not next to the application; FastPR.Native builds it with the system C compiler (eng/install-mkl.sh installs gcc)";
            return false;
        }

        if (LibcImports.DlOpen(path, LibcImports.RtldNow | LibcImports.RtldGlobal) == IntPtr.Zero)
        {
            error = $"dlopen({path}) failed: {Marshal.PtrToStringUTF8(LibcImports.DlError()) ?? "no reason given"}";
            return false;
        }

        error = null;
        return true;
    }

    // Next to the application, next to this assembly, or (NativeAOT, e.g. libfastpr.so inside python3) next to the native image.
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Location is empty in a native image; NativeImageDirectory covers that case.")]
    private static string? FindShim(string name)
    {
        string? assemblyDirectory = Path.GetDirectoryName(typeof(MklStartup).Assembly.Location);
        foreach (string? directory in new[] { AppContext.BaseDirectory, assemblyDirectory, NativeImageDirectory() })
        {
            if (string.IsNullOrEmpty(directory))
            {
                continue;
            }

            foreach (string candidate in new[] { Path.Combine(directory, name), Path.Combine(directory, "runtimes", "linux-x64", "native", name) })
            {
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    // The directory of the compiled image holding this code when it is ahead-of-time compiled (a NativeAOT shared library's
    // AppContext.BaseDirectory is the host program's); null under the JIT, where code lives in no file of ours.
    private static unsafe string? NativeImageDirectory()
    {
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            return null;
        }

        var anchor = (IntPtr)(delegate* unmanaged<void>)&Anchor;
        if (LibcImports.DlAddr(anchor, out LibcImports.DlInfo info) == 0 || info.FileName == IntPtr.Zero)
        {
            return null;
        }

        string? file = Marshal.PtrToStringUTF8(info.FileName);
        return string.IsNullOrEmpty(file) ? null : Path.GetDirectoryName(Path.GetFullPath(file));
    }

    [UnmanagedCallersOnly]
    private static void Anchor()
    {
    }

    // Accepts MKL's spellings (avx512_e1, sse4_1) and the enum's (Avx512E1, Sse4_1); never the two "off" values.
    private static MklCbwr? ParseBranch(string text)
    {
        string wanted = text.Replace("_", "", StringComparison.Ordinal);
        foreach (MklCbwr mode in Enum.GetValues<MklCbwr>())
        {
            if (mode is not (MklCbwr.Off or MklCbwr.BranchOff) &&
                mode.ToString().Replace("_", "", StringComparison.Ordinal).Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        return null;
    }
}
