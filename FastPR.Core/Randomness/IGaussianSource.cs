namespace FastPR.Core;

/// <summary>
/// Where an engine's randomness comes from: a stream of i.i.d. N(0, 1) doubles.
/// Engines draw only through this, so two engines can be handed identical minibatches.
/// </summary>
public interface IGaussianSource : IDisposable
{
    /// <summary>Human-readable generator description, e.g. "mkl:SFMT19937/ICDF".</summary>
    string Name { get; }

    /// <summary>Fills <paramref name="destination"/> with the next standard normals of the stream. Allocates nothing.</summary>
    void Fill(Span<double> destination);
}
