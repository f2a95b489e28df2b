namespace FastPR.Core;

/// <summary>How the sgd-ode closes its moment equations (docs/MODEL.md §3.7).</summary>
public enum SgdOdeClosure
{
    /// <summary>
    /// w ~ N(m, diag(v)) with Wick's theorem for the self-terms of each coordinate, and the exact (Stein) covariance of
    /// the sampled gradient, including its λ_i² terms where x_i correlates with x·w and x·w*.
    /// </summary>
    Wick,

    /// <summary>
    /// Drops every term of relative order λ_i (the self-terms and the λ_i² part of the gradient covariance). With Q = I/d this
    /// is exactly the d → ∞ isotropic corrected ODE in (s, u).
    /// </summary>
    HighDimensional,
}
