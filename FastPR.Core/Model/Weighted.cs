namespace FastPR.Core;

/// <summary>The Q-weighted inner product of the model: every s, u and s* is one of these.</summary>
internal static class Weighted
{
    /// <summary>Σ_i λ_i x_i y_i, summed in index order as (λ_i x_i) y_i, so every caller gets the same bits.</summary>
    public static double Dot(ReadOnlySpan<double> lambda, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sum = 0;
        for (int i = 0; i < lambda.Length; i++) sum += lambda[i] * x[i] * y[i];
        return sum;
    }
}
