namespace FastPR.Native;

/// <summary>Gaussian transformation methods (VSL_RNG_METHOD_GAUSSIAN_*).</summary>
public enum VslGaussianMethod
{
    /// <summary>Box–Muller, one normal from two uniforms (VSL_RNG_METHOD_GAUSSIAN_BOXMULLER).</summary>
    BoxMuller = 0,

    /// <summary>Box–Muller, two normals from two uniforms (VSL_RNG_METHOD_GAUSSIAN_BOXMULLER2).</summary>
    BoxMuller2 = 1,

    /// <summary>Inverse CDF, one normal per uniform, so skip-ahead by n lands on sample n (VSL_RNG_METHOD_GAUSSIAN_ICDF).</summary>
    Icdf = 2,
}
