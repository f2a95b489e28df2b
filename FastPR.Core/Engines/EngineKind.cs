namespace FastPR.Core;

/// <summary>Which SGD engine to run.</summary>
public enum EngineKind
{
    /// <summary>The fastest engine that answers the request (<see cref="SgdEngines.Choose"/>).</summary>
    Auto,
    /// <summary><see cref="ReferenceSgdEngine"/>: scalar loops, the oracle.</summary>
    Reference,
    /// <summary><see cref="MklSgdEngine"/>: explicit B×d minibatches on MKL BLAS.</summary>
    Mkl,
    /// <summary><see cref="ProjectedSgdEngine"/>: exact in law with d + 2B normals per step.</summary>
    Projected,
}
