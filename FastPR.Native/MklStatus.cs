namespace FastPR.Native;

/// <summary>Readable names for MKL status codes. The same number means different things in VSL and CBWR, so the call decides.</summary>
internal static class MklStatus
{
    public static string Describe(string call, int status)
    {
        string? name = Name(call, status);
        string text = name is null
            ? $"MKL call {call} failed with status {status}."
            : $"MKL call {call} failed with status {status} ({name}).";
        string? hint = Hint(call, status);
        return hint is null ? text : $"{text} {hint}";
    }

    public static string? Name(string call, int status)
    {
        if (call.StartsWith("MKL_CBWR", StringComparison.Ordinal))
        {
            return CbwrName(status);
        }

        if (call.StartsWith("MKL_Set_Threading_Layer", StringComparison.Ordinal))
        {
            return ThreadingName(status);
        }

        if (call.StartsWith("MKL_Set_Interface_Layer", StringComparison.Ordinal))
        {
            return status switch { -1 => "error", 0 => "MKL_INTERFACE_LP64", 1 => "MKL_INTERFACE_ILP64", 2 => "MKL_INTERFACE_GNU", _ => null };
        }

        return VslName(status);
    }

    // mkl_vsl_defines.h
    private static string? VslName(int status) => status switch
    {
        -1 => "VSL_ERROR_FEATURE_NOT_IMPLEMENTED",
        -2 => "VSL_ERROR_UNKNOWN",
        -3 => "VSL_ERROR_BADARGS",
        -4 => "VSL_ERROR_MEM_FAILURE",
        -5 => "VSL_ERROR_NULL_PTR",
        -6 => "VSL_ERROR_CPU_NOT_SUPPORTED",
        -1000 => "VSL_RNG_ERROR_INVALID_BRNG_INDEX",
        -1002 => "VSL_RNG_ERROR_LEAPFROG_UNSUPPORTED",
        -1003 => "VSL_RNG_ERROR_SKIPAHEAD_UNSUPPORTED",
        -1004 => "VSL_RNG_ERROR_SKIPAHEADEX_UNSUPPORTED",
        -1005 => "VSL_RNG_ERROR_BRNGS_INCOMPATIBLE",
        -1006 => "VSL_RNG_ERROR_BAD_STREAM",
        -1007 => "VSL_RNG_ERROR_BRNG_TABLE_FULL",
        -1008 => "VSL_RNG_ERROR_BAD_STREAM_STATE_SIZE",
        -1009 => "VSL_RNG_ERROR_BAD_WORD_SIZE",
        -1010 => "VSL_RNG_ERROR_BAD_NSEEDS",
        -1011 => "VSL_RNG_ERROR_BAD_NBITS",
        -1012 => "VSL_RNG_ERROR_QRNG_PERIOD_ELAPSED",
        -1013 => "VSL_RNG_ERROR_LEAPFROG_NSTREAMS_TOO_BIG",
        -1014 => "VSL_RNG_ERROR_BRNG_NOT_SUPPORTED",
        -1130 => "VSL_RNG_ERROR_NONDETERM_NOT_SUPPORTED",
        -1131 => "VSL_RNG_ERROR_NONDETERM_NRETRIES_EXCEEDED",
        -1140 => "VSL_RNG_ERROR_ARS5_NOT_SUPPORTED",
        _ => null,
    };

    // mkl_types.h
    private static string? CbwrName(int status) => status switch
    {
        -1 => "MKL_CBWR_ERR_INVALID_SETTINGS",
        -2 => "MKL_CBWR_ERR_INVALID_INPUT",
        -3 => "MKL_CBWR_ERR_UNSUPPORTED_BRANCH",
        -4 => "MKL_CBWR_ERR_UNKNOWN_BRANCH",
        -8 => "MKL_CBWR_ERR_MODE_CHANGE_FAILURE",
        _ => null,
    };

    // The setter returns the layer in force, or -1.
    private static string? ThreadingName(int status) => status switch
    {
        -1 => "error",
        0 => "MKL_THREADING_INTEL",
        1 => "MKL_THREADING_SEQUENTIAL",
        2 => "MKL_THREADING_PGI",
        3 => "MKL_THREADING_GNU",
        4 => "MKL_THREADING_TBB",
        _ => null,
    };

    private static string? Hint(string call, int status) => (call, status) switch
    {
        _ when status == -1000 => "The BRNG value is not one MKL defines; use a VslBrng member.",
        _ when status == -1003 => "This generator has no skip-ahead; use MCG31, MRG32K3A, MCG59, WH, MT19937, SFMT19937, ARS5 or PHILOX4X32X10.",
        _ when call.StartsWith("MKL_CBWR_Set", StringComparison.Ordinal) && status == -8 =>
            "The CNR mode can change only before MKL's first computation or version query; set MKL_CBWR in the environment instead.",
        _ when call.StartsWith("MKL_Set_", StringComparison.Ordinal) =>
            "MKL was initialised before FastPR could select its layers (another component in this process loaded it first).",
        _ => null,
    };
}
