namespace FastPR.Core;

/// <summary>Which dynamics a simulation runs (docs/MODEL.md §3).</summary>
public enum AlgorithmKind
{
    /// <summary>Online minibatch SGD, one engine per ensemble member.</summary>
    Sgd,
    /// <summary>Population gradient descent (deterministic).</summary>
    Gd,
    /// <summary>Gradient flow (deterministic), to a time horizon.</summary>
    Flow,
    /// <summary>SGD's deterministic equivalent: mean and per-coordinate variances with the O(η) squared-step term (docs/MODEL.md §3.7), to a time horizon.</summary>
    SgdOde,
    /// <summary>SGD's diffusion approximation: the mean update plus Gaussian noise of SGD's one-step covariance (docs/MODEL.md §3.8), one ensemble member per seed.</summary>
    SgdSde,
}
