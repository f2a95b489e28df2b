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
    /// <summary>Number of statistics besides time and step (the values of <see cref="Statistic"/>).</summary>
    public const int StatisticCount = 7;

    /// <summary>Names of the statistics, snake_case, in the order of <see cref="Statistic"/>: the CSV column names.</summary>
    public static IReadOnlyList<string> StatisticNames { get; } = ["s", "u", "loss", "mse", "one_minus_u", "s2", "u2"];

    /// <summary>The value of <paramref name="statistic"/>.</summary>
    public double Get(Statistic statistic) => statistic switch
    {
        Statistic.S => S,
        Statistic.U => U,
        Statistic.Loss => Loss,
        Statistic.Mse => Mse,
        Statistic.OneMinusU => OneMinusAbsU,
        Statistic.S2 => S2,
        Statistic.U2 => U2,
        _ => throw new ArgumentOutOfRangeException(nameof(statistic)),
    };

    /// <summary>True when every statistic is finite.</summary>
    public bool IsFinite =>
        double.IsFinite(S) && double.IsFinite(U) && double.IsFinite(Loss) && double.IsFinite(Mse) &&
        double.IsFinite(S2) && double.IsFinite(U2);
}
