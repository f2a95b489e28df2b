namespace FastPR.Native;

/// <summary>Which of MKL's kernels this process runs, as decided when MKL was loaded.</summary>
public enum MklCpuDispatch
{
    /// <summary>MKL's own choice: ISA-specific kernels on Intel CPUs, generic kernels on any other vendor.</summary>
    MklDefault = 0,
    /// <summary>
    /// A non-Intel CPU was given the kernels its instruction set supports, as an Intel CPU would get them (the fast path):
    /// the shim libfastpr_mkl_intel_dispatch.so answers MKL's vendor check.
    /// </summary>
    FastPath = 1,
    /// <summary>Generic kernels forced on any CPU (FASTPR_MKL_FORCE_GENERIC=1), as a non-Intel CPU gets them by default.</summary>
    ForcedGeneric = 2,
}
