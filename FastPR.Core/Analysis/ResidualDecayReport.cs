namespace FastPR.Core;

/// <summary>
/// The Phase IIb power law of 1 − |u| and the three predictions FastPR reports beside it (docs/MODEL.md §4). Every fit carries its window and R².
/// </summary>
/// <param name="Measured">Fit of ln(1 − |u|/s*) on ln t over the window.</param>
/// <param name="TailSum">Fit of ln S(t), S(t) = Σ λ_i (w*_i)² e^{−8 s* λ_i t} (the teacher-specific prediction), at the same times.</param>
/// <param name="TailSumConstant">C = (1 − |u|/s*)/S(t) at <see cref="ConstantTime"/> (0.65–1.0 measured, docs/MODEL.md §4).</param>
/// <param name="ConstantTime">The record where C is taken: the first one in the window.</param>
/// <param name="TeacherAveragedExponent">−(1 − 1/a), the exponent averaged over random teachers; null for a ≤ 1.</param>
/// <param name="BoundExponent">−(a − 1)/(2a), the exponent of the paper's bound T2 ≲ ε^(−2a/(a−1)) log(1/ε); null for a ≤ 1.</param>
public sealed record ResidualDecayReport(
    PowerLawFit Measured, PowerLawFit TailSum, double TailSumConstant, double ConstantTime,
    double? TeacherAveragedExponent, double? BoundExponent);
