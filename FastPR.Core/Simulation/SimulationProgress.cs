namespace FastPR.Core;

/// <summary>How far a simulation has come, as reported by <see cref="Simulator.Run"/>.</summary>
/// <param name="Fraction">Share of the planned work done, in [0, 1] (records done, for the log-time integrators).</param>
/// <param name="Time">Model time t reached (the mean over members for an ensemble).</param>
/// <param name="Steps">Steps (or integrator leaps when <paramref name="Leaps"/>) done so far, summed over members.</param>
/// <param name="Leaps">Whether <paramref name="Steps"/> counts log-time leaps rather than steps.</param>
public readonly record struct SimulationProgress(double Fraction, double Time, long Steps, bool Leaps);
