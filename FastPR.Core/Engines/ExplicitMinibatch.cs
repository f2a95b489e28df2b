namespace FastPR.Core;

/// <summary>
/// The layout of one explicit minibatch in a Gaussian buffer: first, only when σ &gt; 0, the B label-noise draws ξ_b;
/// then G (B×d, row b = sample b's g, so x_b = Q^½ g_b). Noise comes first so an engine can draw and consume G in
/// cache-sized row blocks while reading the same stream in the same order.
/// </summary>
internal static class ExplicitMinibatch
{
    /// <summary>Normals per step: B·d, plus B when the problem has label noise.</summary>
    public static int GaussiansPerStep(Problem problem, int batchSize)
    {
        long count = (long)batchSize * problem.Dimension + (problem.Sigma > 0 ? batchSize : 0);
        if (count > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch·d = {count} exceeds one buffer; use a smaller batch or the projected engine.");
        return (int)count;
    }

    /// <summary>The B×d matrix G, row-major.</summary>
    public static ReadOnlySpan<double> Data(ReadOnlySpan<double> gaussians, Problem problem, int batchSize) =>
        gaussians.Slice(NoiseCount(problem, batchSize), batchSize * problem.Dimension);

    /// <summary>The label-noise draws ξ (empty when σ = 0).</summary>
    public static ReadOnlySpan<double> LabelNoise(ReadOnlySpan<double> gaussians, Problem problem, int batchSize) =>
        gaussians[..NoiseCount(problem, batchSize)];

    /// <summary>How many label-noise draws lead the buffer: B when σ &gt; 0, else 0.</summary>
    public static int NoiseCount(Problem problem, int batchSize) => problem.Sigma > 0 ? batchSize : 0;
}
