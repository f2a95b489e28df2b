using FastPR.Native;

namespace FastPR.Core;

/// <summary>
/// Standard normals from an MKL VSL stream. The 64-bit key (from <see cref="SeedSequence"/>) seeds the generator through
/// two 32-bit seed words. With SFMT19937 (period 2^19937 − 1) streams seeded from distinct keys do not overlap in practice.
/// Output is bitwise reproducible on one MKL code path; across CPUs use <see cref="MklService.SetCbwr"/> with Compatible.
/// </summary>
public sealed class VslGaussianSource : IFloatGaussianSource
{
    /// <summary>The generator chosen by measurement (README, "Choosing the generator").</summary>
    public const VslBrng DefaultBrng = VslBrng.Sfmt19937;
    /// <summary>ICDF uses one uniform per normal, so skip-ahead counts normals exactly.</summary>
    public const VslGaussianMethod DefaultMethod = VslGaussianMethod.Icdf;

    private readonly VslStream _stream;
    private readonly VslGaussianMethod _method;

    /// <summary>Creates the stream for <paramref name="key"/>; throws <see cref="MklNotFoundException"/> without MKL.</summary>
    public VslGaussianSource(ulong key, VslBrng brng = DefaultBrng, VslGaussianMethod method = DefaultMethod)
    {
        ReadOnlySpan<uint> words = [(uint)key, (uint)(key >> 32)];
        _stream = VslStream.Create(brng, words);
        _method = method;
        Name = $"mkl:{brng}/{method}";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Skips <paramref name="count"/> normals (exact with ICDF).</summary>
    public void SkipAhead(long count) => _stream.SkipAhead(count);

    /// <inheritdoc />
    public void Fill(Span<double> destination) => _stream.Gaussian(destination, 0, 1, _method);

    /// <summary>Fills single-precision normals (for float-data experiments).</summary>
    public void Fill(Span<float> destination) => _stream.Gaussian(destination, 0, 1, _method);

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
