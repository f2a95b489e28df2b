using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using FastPR.Core;
using FastPR.Native;

namespace FastPR.Interop;

/// <summary>The library's identity: ABI and library versions, MKL's state, and the thread's last error.</summary>
internal static unsafe class LibraryExports
{
    /// <summary>FASTPR_ABI_VERSION: raised on any change a caller compiled against fastpr.h could notice.</summary>
    internal const int AbiVersion = 2;

    [UnmanagedCallersOnly(EntryPoint = "fastpr_abi_version")]
    public static int Abi(int* version)
    {
        try
        {
            Buffers.Out(version, "version");
            *version = AbiVersion;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_version")]
    public static int Version(byte* buffer, long capacity, long* needed)
    {
        try
        {
            string version = typeof(Problem).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            return Buffers.Text(version, buffer, capacity, needed);
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    /// <summary>Loads MKL now (as the VSL source would), so a caller can ask early and get the loader's reason.</summary>
    [UnmanagedCallersOnly(EntryPoint = "fastpr_mkl_load")]
    public static int Load()
    {
        try
        {
            MklLibrary.EnsureLoaded();
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_mkl_info")]
    public static int Info(byte* buffer, long capacity, long* needed)
    {
        try
        {
            return Buffers.Text(MklInfo(), buffer, capacity, needed);
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    /// <summary>The message of this thread's last failed call ("" before any); valid until this thread's next failure.</summary>
    [UnmanagedCallersOnly(EntryPoint = "fastpr_last_error")]
    public static byte* LastErrorMessage() => LastError.Pointer;

    private static string MklInfo()
    {
        var text = new StringBuilder();
        void Line(string key, string? value) => text.Append(CultureInfo.InvariantCulture, $"{key}={value ?? ""}\n");
        bool available = MklLibrary.IsAvailable;
        Line("available", available ? "1" : "0");
        Line("cpu", CpuInfo.Summary);
        // The widest vectors this build's code runs: NativeAOT fixes it at compile time (x86-64-v3: 256, x86-64-v4: 512).
        Line("vector_bits", Vector512.IsHardwareAccelerated ? "512" : Vector256.IsHardwareAccelerated ? "256" : Vector128.IsHardwareAccelerated ? "128" : "64");
        if (available)
        {
            Line("path", MklLibrary.LoadedPath);
            Line("version", MklService.Version);
            Line("threading", MklService.ThreadingLayer);
            Line("dispatch", MklLibrary.Startup?.Dispatch.ToString());
            Line("dispatch_note", MklLibrary.Startup?.DispatchNote);
            Line("cnr", MklLibrary.Startup?.CnrNote);
        }
        else
        {
            Line("error", MklLibrary.LoadError);
        }
        return text.ToString();
    }
}
