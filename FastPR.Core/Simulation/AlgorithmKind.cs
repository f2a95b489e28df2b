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
}
