namespace FastPR.Core;

/// <summary>The recorded statistics of a state (docs/MODEL.md §2), by name; the CSV columns use <see cref="Snapshot.StatisticNames"/>.</summary>
public enum Statistic
{
    /// <summary>s = wᵀQw (column "s").</summary>
    S,
    /// <summary>u = wᵀQw* (column "u").</summary>
    U,
    /// <summary>The exact population loss (column "loss").</summary>
    Loss,
    /// <summary>(1/d)·min(‖w − w*‖², ‖w + w*‖²) (column "mse").</summary>
    Mse,
    /// <summary>1 − |u| (column "one_minus_u").</summary>
    OneMinusU,
    /// <summary>s^(2) = wᵀQ²w (column "s2").</summary>
    S2,
    /// <summary>u^(2) = wᵀQ²w* (column "u2").</summary>
    U2,
}
