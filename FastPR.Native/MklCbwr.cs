namespace FastPR.Native;

/// <summary>
/// Conditional Numerical Reproducibility modes (MKL_CBWR_* in mkl_types.h). A fixed branch makes results bit-identical
/// across machines that support it, at some speed cost.
/// </summary>
public enum MklCbwr
{
    /// <summary>No CNR setting (MKL_CBWR_OFF); accepted by MKL_CBWR_Set only before initialization.</summary>
    Off = 0,

    /// <summary>CNR off: MKL picks the fastest path and results may differ between machines (MKL_CBWR_BRANCH_OFF; MKL's default).</summary>
    BranchOff = 1,

    /// <summary>The best branch for this CPU, kept fixed so runs on this machine repeat exactly (MKL_CBWR_AUTO).</summary>
    Auto = 2,

    /// <summary>The generic path every Intel-compatible CPU runs, for results identical across machines (MKL_CBWR_COMPATIBLE).</summary>
    Compatible = 3,

    /// <summary>SSE2 branch (MKL_CBWR_SSE2).</summary>
    Sse2 = 4,

    /// <summary>SSSE3 branch (MKL_CBWR_SSSE3).</summary>
    Ssse3 = 6,

    /// <summary>SSE4.1 branch (MKL_CBWR_SSE4_1).</summary>
    Sse4_1 = 7,

    /// <summary>SSE4.2 branch (MKL_CBWR_SSE4_2).</summary>
    Sse4_2 = 8,

    /// <summary>AVX branch (MKL_CBWR_AVX).</summary>
    Avx = 9,

    /// <summary>AVX2 branch (MKL_CBWR_AVX2).</summary>
    Avx2 = 10,

    /// <summary>AVX-512 branch for Xeon Phi (MKL_CBWR_AVX512_MIC).</summary>
    Avx512Mic = 11,

    /// <summary>AVX-512 branch (MKL_CBWR_AVX512).</summary>
    Avx512 = 12,

    /// <summary>AVX-512 branch for later Xeon Phi (MKL_CBWR_AVX512_MIC_E1).</summary>
    Avx512MicE1 = 13,

    /// <summary>AVX-512 with VNNI/DL Boost (MKL_CBWR_AVX512_E1).</summary>
    Avx512E1 = 14,
}
