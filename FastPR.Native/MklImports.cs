using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>
/// Every MKL entry point FastPR uses: C ABI (CBLAS, VSL, the mixed-case service functions), LP64, ints by value.
/// Callers validate arguments first; nothing here checks.
/// </summary>
internal static unsafe partial class MklImports
{
    private const string Lib = MklLibrary.ImportName;

    // Installs the resolver and sets the layers before the first import binds.
    static MklImports() => MklLibrary.EnsureLoaded();

    // CBLAS (mkl_cblas.h)






    [LibraryImport(Lib)]
    internal static partial void cblas_dgemv(
        int layout, int trans, int m, int n, double alpha, double* a, int lda, double* x, int incx, double beta, double* y, int incy);




    // VSL service (mkl_vsl_functions.h)
    [LibraryImport(Lib)]
    internal static partial int vslNewStream(IntPtr* stream, int brng, uint seed);

    [LibraryImport(Lib)]
    internal static partial int vslNewStreamEx(IntPtr* stream, int brng, int n, uint* parameters);


    [LibraryImport(Lib)]
    internal static partial int vslDeleteStream(IntPtr* stream);

    [LibraryImport(Lib)]
    internal static partial int vslSkipAheadStream(VslStream stream, long nskip);

    [LibraryImport(Lib)]
    internal static partial int vslGetStreamSize(VslStream stream);

    [LibraryImport(Lib)]
    internal static partial int vslGetStreamStateBrng(VslStream stream);

    [LibraryImport(Lib)]
    internal static partial int vslSaveStreamM(VslStream stream, byte* memory);

    [LibraryImport(Lib)]
    internal static partial int vslLoadStreamM(IntPtr* stream, byte* memory);

    // VSL distributions
    [LibraryImport(Lib)]
    internal static partial int vdRngGaussian(int method, VslStream stream, int n, double* r, double mean, double sigma);

    [LibraryImport(Lib)]
    internal static partial int vsRngGaussian(int method, VslStream stream, int n, float* r, float mean, float sigma);




    // Service (mkl_service.h)
    [LibraryImport(Lib)]
    internal static partial void MKL_Get_Version(MklVersionNative* version);

    [LibraryImport(Lib)]
    internal static partial void MKL_Get_Version_String(byte* buffer, int length);

    [LibraryImport(Lib)]
    internal static partial int MKL_Get_Max_Threads();

    [LibraryImport(Lib)]
    internal static partial long MKL_Peak_Mem_Usage(int mode);

    [LibraryImport(Lib)]
    internal static partial int MKL_CBWR_Get(int option);

    [LibraryImport(Lib)]
    internal static partial int MKL_CBWR_Set(int settings);

    [LibraryImport(Lib)]
    internal static partial int MKL_CBWR_Get_Auto_Branch();
}
