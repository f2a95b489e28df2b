namespace FastPR.Core;

/// <summary>
/// Reproducibility against buffer alignment: one engine is fed the same normals with w and the minibatch placed at offsets
/// 0…7 doubles inside larger arrays. Every offset must give bitwise the same state. Managed arrays move, so a kernel whose
/// rounding depends on alignment (MKL's generic kernels with CNR off, say) gives different last bits from run to run.
/// </summary>
internal static class ShiftedSpans
{
    /// <summary>Offsets tried, in doubles: every residue of a 64-byte cache line.</summary>
    public const int Offsets = 8;

    /// <summary>
    /// Runs <paramref name="steps"/> updates at each offset with a fresh engine from <paramref name="create"/> and returns the
    /// largest max|Δw| / ‖w‖∞ against offset 0 (0 when every offset agrees bit for bit) and how many coordinates differed.
    /// </summary>
    public static (double Deviation, int DifferingCoordinates) Compare(Func<ISgdEngine> create, int steps, ulong drawSeed)
    {
        ArgumentNullException.ThrowIfNull(create);
        double[]? first = null;
        double worst = 0;
        int differing = 0;
        for (int offset = 0; offset < Offsets; offset++)
        {
            using ISgdEngine engine = create();
            using var draws = new SimdGaussianSource(drawSeed);
            int d = engine.Problem.Dimension, perStep = engine.GaussiansPerStep;
            var wBuffer = new double[d + Offsets];
            var gBuffer = new double[perStep + Offsets];
            Span<double> w = wBuffer.AsSpan(offset, d), g = gBuffer.AsSpan(offset, perStep);
            engine.Problem.InitialPoint.CopyTo(w);
            for (int step = 0; step < steps; step++)
            {
                draws.Fill(g);
                engine.Update(w, g);
            }

            if (first is null)
            {
                first = w.ToArray();
                continue;
            }

            worst = Math.Max(worst, IdenticalMinibatches.RelativeDeviation(first, w));
            for (int i = 0; i < d; i++)
            {
                if (BitConverter.DoubleToInt64Bits(first[i]) != BitConverter.DoubleToInt64Bits(w[i])) differing++;
            }
        }
        return (worst, differing);
    }
}
