namespace FastPR.Core;

/// <summary>The summary statistics of one state at one time (docs/MODEL.md §2).</summary>
/// <param name="Time">Continuous time t (η·steps for SGD and GD).</param>
/// <param name="Step">Steps taken (0 for the gradient flow's initial state; integration steps for the flow).</param>
/// <param name="S">s = wᵀQw.</param>
/// <param name="U">u = wᵀQw*.</param>
/// <param name="Loss">The exact population loss.</param>
/// <param name="Mse">(1/d)·min(‖w − w*‖², ‖w + w*‖²).</param>
/// <param name="OneMinusAbsU">1 − |u|.</param>
/// <param name="S2">s^(2) = wᵀQ²w.</param>
/// <param name="U2">u^(2) = wᵀQ²w*.</param>
public readonly record struct Snapshot(
    double Time, long Step, double S, double U, double Loss, double Mse, double OneMinusAbsU, double S2, double U2)
{
    /// <summary>Number of statistics besides time and step, in the order of <see cref="Get"/>.</summary>
    public const int StatisticCount = 7;

    /// <summary>Names of the statistics, snake_case, in the order of <see cref="Get"/>.</summary>
    public static readonly string[] StatisticNames = ["s", "u", "loss", "mse", "one_minus_u", "s2", "u2"];

    /// <summary>Statistic number <paramref name="index"/> (0 = s … 6 = u2).</summary>
    public double Get(int index) => index switch
    {
        0 => S,
        1 => U,
        2 => Loss,
        3 => Mse,
        4 => OneMinusAbsU,
        5 => S2,
        6 => U2,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>True when every statistic is finite.</summary>
    public bool IsFinite =>
        double.IsFinite(S) && double.IsFinite(U) && double.IsFinite(Loss) && double.IsFinite(Mse) &&
        double.IsFinite(S2) && double.IsFinite(U2);
}
