namespace FastPR.Core;

/// <summary>The Phase I growth rate ρ_true and where it sits relative to its pole (see <see cref="GrowthRate"/>).</summary>
/// <param name="Rho">ρ_true, the unique root of 1 = 8 Σ_i (w*_i)² λ_i² / (ρ − 4 s* λ_i) above the pole.</param>
/// <param name="Pole">4 s* λ_top: the largest pole of the right-hand side, over coordinates that carry teacher weight.</param>
/// <param name="Gap">ρ − <see cref="Pole"/> &gt; 0, computed directly (not by subtraction) so it keeps full relative precision.</param>
/// <param name="TopIndex">0-based index of the first coordinate with the largest λ among those with (w*_i λ_i)² &gt; 0.</param>
/// <param name="SStar">s* = Σ λ_i (w*_i)², the value the linearisation α = 4 s* uses.</param>
public readonly record struct GrowthRateSolution(double Rho, double Pole, double Gap, int TopIndex, double SStar);
