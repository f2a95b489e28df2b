using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>MKLVersion from mkl_types.h; the strings are static and owned by MKL.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MklVersionNative
{
    public int MajorVersion;
    public int MinorVersion;
    public int UpdateVersion;
    public IntPtr ProductStatus;
    public IntPtr Build;
    public IntPtr Processor;
    public IntPtr Platform;
}
