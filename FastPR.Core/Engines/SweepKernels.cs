using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>Which vector path the explicit and projected engines' fused sweeps take on this machine (all give the same bits).</summary>
public static class SweepKernels
{
    /// <summary>
    /// "vector256" where AVX2 accelerates 256-bit vectors, with " (B = 1: vector512)" where AVX-512 runs the explicit engine's
    /// one-row passes; "vector128" where only 128-bit ones are (NEON on ARM64, or x86-64 with AVX2 switched off), else
    /// "vector256 emulated" (the runtime's software vectors, as with DOTNET_EnableHWIntrinsic=0).
    /// </summary>
    public static string VectorPath =>
        ProjectedKernels.Uses128 ? "vector128"
        : Vector256.IsHardwareAccelerated ? (ExplicitKernels.Uses512 ? "vector256 (B = 1: vector512)" : "vector256")
        : "vector256 emulated";
}
