namespace FastPR.Core;

/// <summary>
/// Reference-vs-optimized verification: two engines for the same problem are handed the same normals
/// through <see cref="ISgdEngine.Update(Span{double}, ReadOnlySpan{double})"/> and must reach the same state up to rounding.
/// </summary>
internal static class IdenticalMinibatches
{
    /// <summary>max_i |a_i − b_i| / max_i |a_i|: relative to the state's scale, so near-zero coordinates do not dominate.</summary>
    public static double RelativeDeviation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"a and b must have the same length ({a.Length} vs {b.Length}).", nameof(b));
        double worst = 0, scale = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double difference = Math.Abs(a[i] - b[i]);
            worst = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(worst, difference);
            scale = Math.Max(scale, Math.Abs(a[i]));
        }
        return scale > 0 ? worst / scale : worst;
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps of both engines from the problem's initial point, feeding each step's normals from
    /// <paramref name="draws"/> to both, and returns the relative deviation of the final states and how far the run moved w
    /// (relative to w(0)), so a caller can make sure the agreement is not trivial.
    /// </summary>
    public static (double Deviation, double Movement) Compare(ISgdEngine reference, ISgdEngine candidate, int steps, IGaussianSource draws)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(draws);
        if (reference.GaussiansPerStep != candidate.GaussiansPerStep)
            throw new ArgumentException($"The engines use different minibatch layouts ({reference.GaussiansPerStep} vs {candidate.GaussiansPerStep} normals per step).", nameof(candidate));
        var buffer = new double[reference.GaussiansPerStep];
        var a = reference.Problem.CopyInitialPoint();
        var b = reference.Problem.CopyInitialPoint();
        for (int step = 0; step < steps; step++)
        {
            draws.Fill(buffer);
            reference.Update(a, buffer);
            candidate.Update(b, buffer);
        }
        return (RelativeDeviation(a, b), RelativeDeviation(a, reference.Problem.InitialPoint));
    }
}
