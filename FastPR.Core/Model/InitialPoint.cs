namespace FastPR.Core;

/// <summary>How the initial point w(0) is drawn.</summary>
public enum InitialPoint
{
    /// <summary>Uniform on the unit sphere (a Gaussian vector, normalised). The default.</summary>
    Sphere,
    /// <summary>N(0, I_d/d).</summary>
    Gaussian,
}
