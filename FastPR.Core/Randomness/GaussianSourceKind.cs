namespace FastPR.Core.Randomness;

/// <summary>Which generator feeds an engine.</summary>
public enum GaussianSourceKind
{
    /// <summary>MKL VSL when MKL loads, the managed source otherwise.</summary>
    Auto,
    /// <summary>MKL VSL (<see cref="VslGaussianSource"/>).</summary>
    Mkl,
    /// <summary>Managed Philox: <see cref="SimdGaussianSource"/>, the vectorised form of <see cref="ManagedGaussianSource"/>'s stream.</summary>
    Managed,
}
