using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>
/// Replaces MKL's xerbla, which prints "Intel MKL ERROR: Parameter N was incorrect …" to stdout, with a handler that keeps
/// the message for the failing thread. A library must not write into its host's stdout (a CLI's CSV, a notebook); the
/// status code still reports the failure, and <see cref="MklException"/> carries the kept message.
/// </summary>
internal static unsafe class MklErrorHandler
{
    [ThreadStatic]
    private static string? t_last;

    /// <summary>Installs the handler; called once, after the CNR mode is set, since MKL service calls can freeze it.</summary>
    public static void Install(IntPtr mkl)
    {
        var set = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<byte*, int*, int, void>, IntPtr>)NativeLibrary.GetExport(mkl, "mkl_set_xerbla");
        set(&OnError);
    }

    /// <summary>The message MKL's last error on this thread would have printed, then forgets it; null when there was none.</summary>
    public static string? TakeLast()
    {
        string? last = t_last;
        t_last = null;
        return last;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(byte* name, int* info, int length)
    {
        // Nothing may escape into MKL's frames: an exception here would tear the process down.
        try
        {
            int limit = length is > 0 and < 256 ? length : 64, n = 0;
            while (name is not null && n < limit && name[n] != 0) n++;
            string routine = n == 0 ? "?" : new string((sbyte*)name, 0, n).TrimEnd();
            int code = info is null ? 0 : *info;
            t_last = code > 0 ? $"parameter {code} was incorrect on entry to {routine}" : $"MKL error {code} in {routine}";
        }
        catch
        {
            t_last = "MKL reported an error (its message could not be read)";
        }
    }
}
