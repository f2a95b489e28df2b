using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>The dynamic loader's own entry points. NativeLibrary.Load cannot load with RTLD_GLOBAL, which the dispatch shim needs;
/// dladdr finds the file of a NativeAOT image, whose assemblies have no location.</summary>
internal static partial class LibcImports
{
    // <dlfcn.h> on glibc x86-64.
    internal const int RtldNow = 0x2;
    internal const int RtldGlobal = 0x100;

    private const string Lib = "libc.so.6";

    [LibraryImport(Lib, EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr DlOpen(string file, int mode);

    [LibraryImport(Lib, EntryPoint = "dlerror")]
    internal static partial IntPtr DlError();

    /// <summary>Dl_info from &lt;dlfcn.h&gt;: the file and base of the loaded object holding an address, and the nearest symbol.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DlInfo
    {
        public IntPtr FileName;
        public IntPtr BaseAddress;
        public IntPtr SymbolName;
        public IntPtr SymbolAddress;
    }

    [LibraryImport(Lib, EntryPoint = "dladdr")]
    internal static partial int DlAddr(IntPtr address, out DlInfo info);
}
