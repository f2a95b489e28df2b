namespace FastPR.Core;

/// <summary>Which generator feeds an engine.</summary>
public enum GaussianSourceKind
{
    /// <summary>The fastest source measured (README, "Choosing the generator"): <see cref="Ziggurat"/>.</summary>
    Auto,
    /// <summary>MKL VSL (<see cref="VslGaussianSource"/>).</summary>
    Mkl,
    /// <summary>
    /// Managed SIMD Philox4x32-10 with Box–Muller (<see cref="SimdGaussianSource"/>), about 10× faster than the scalar
    /// <see cref="ManagedGaussianSource"/> and the same stream to 1e-14. Named <c>philox</c> on the command line (<c>managed</c>
    /// is still accepted).
    /// </summary>
    Philox,
    /// <summary>Managed SIMD ziggurat on xoshiro256++ lanes (<see cref="ZigguratGaussianSource"/>), double and float.</summary>
    Ziggurat,
}
