namespace FastPR.Interop;

/// <summary>The status codes every exported function returns (FASTPR_OK, FASTPR_ERROR_*, fastpr.h).</summary>
internal static class Status
{
    public const int Ok = 0;
    /// <summary>A bad parameter, length, null pointer or non-finite value.</summary>
    public const int Argument = 1;
    /// <summary>A null, freed or wrong-kind handle.</summary>
    public const int Handle = 2;
    /// <summary>Intel MKL (libmkl_rt.so) could not be found or loaded.</summary>
    public const int MklNotFound = 3;
    /// <summary>MKL loaded but refused a setting or a call.</summary>
    public const int Mkl = 4;
    /// <summary>An engine was used from two threads at once (one engine per thread).</summary>
    public const int Busy = 5;
    /// <summary>A string did not fit the caller's buffer; the needed size was written.</summary>
    public const int BufferTooSmall = 6;
    /// <summary>Any other failure inside the library.</summary>
    public const int Internal = 7;
}
