namespace FastPR.Core;

/// <summary>Across-member summary of one statistic at one record, over the members still finite there.</summary>
/// <param name="Mean">Sample mean.</param>
/// <param name="Std">Sample standard deviation (n − 1 denominator; 0 for a single member).</param>
/// <param name="Q05">5% quantile (linear interpolation between order statistics).</param>
/// <param name="Q95">95% quantile.</param>
/// <param name="Count">Members contributing.</param>
public readonly record struct Band(double Mean, double Std, double Q05, double Q95, int Count);
