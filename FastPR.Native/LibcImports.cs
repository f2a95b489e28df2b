using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>The dynamic loader's own entry points. NativeLibrary.Load cannot load with RTLD_GLOBAL, which the dispatch shim needs.</summary>
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
}
