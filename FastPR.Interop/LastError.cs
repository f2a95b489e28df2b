using System.Runtime.InteropServices;
using System.Text;

namespace FastPR.Interop;

/// <summary>
/// The thread-local message behind fastpr_last_error(): a NUL-terminated UTF-8 buffer per thread, kept until that thread's
/// next failure overwrites it, so the pointer handed out stays valid while the caller reads it.
/// </summary>
internal static unsafe class LastError
{
    [ThreadStatic] private static byte* s_buffer;
    [ThreadStatic] private static int s_capacity;

    private static readonly byte* Empty = (byte*)NativeMemory.AllocZeroed(1);

    /// <summary>The current thread's message ("" before its first failure).</summary>
    public static byte* Pointer => s_buffer is null ? Empty : s_buffer;

    /// <summary>Stores <paramref name="message"/> as this thread's last error.</summary>
    public static void Set(string message)
    {
        int length = Encoding.UTF8.GetByteCount(message);
        if (length + 1 > s_capacity)
        {
            int capacity = Math.Max(256, length + 1);
            s_buffer = (byte*)NativeMemory.Realloc(s_buffer, (nuint)capacity);
            s_capacity = capacity;
        }
        int written = Encoding.UTF8.GetBytes(message, new Span<byte>(s_buffer, s_capacity));
        s_buffer[written] = 0;
    }
}
