namespace FastPR.Core.Randomness;

/// <summary>Which generator feeds an engine.</summary>
public enum GaussianSourceKind
{
    /// <summary>MKL VSL when MKL loads, the managed source otherwise.</summary>
    Auto,
    /// <summary>MKL VSL (<see cref="VslGaussianSource"/>).</summary>
    Mkl,
    /// <summary>Managed SIMD Philox (<see cref="SimdGaussianSource"/>), about 10× faster than the scalar <see cref="ManagedGaussianSource"/> and the same stream to 1e-14.</summary>
    Managed,
}
