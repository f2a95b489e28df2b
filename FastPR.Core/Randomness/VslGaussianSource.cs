using System.Buffers.Binary;
using FastPR.Native;

namespace FastPR.Core;

/// <summary>
/// Standard normals from an MKL VSL stream. The 64-bit key (from <see cref="SeedSequence"/>) seeds the generator through
/// two 32-bit seed words. With SFMT19937 (period 2^19937 − 1) streams seeded from distinct keys do not overlap in practice.
/// Output is bitwise reproducible on one MKL code path; across CPUs use <see cref="MklService.SetCbwr"/> with Compatible.
/// </summary>
public sealed class VslGaussianSource : IFloatGaussianSource, IResumable
{
    /// <summary>The generator chosen by measurement (README, "Choosing the generator").</summary>
    public const VslBrng DefaultBrng = VslBrng.Sfmt19937;
    /// <summary>ICDF uses one uniform per normal, so skip-ahead counts normals exactly.</summary>
    public const VslGaussianMethod DefaultMethod = VslGaussianMethod.Icdf;

    private const int HeaderBytes = 16; // tag, method, key
    private readonly VslGaussianMethod _method;
    private readonly ulong _key;
    private VslStream _stream;

    /// <summary>Creates the stream for <paramref name="key"/>; throws <see cref="MklNotFoundException"/> without MKL.</summary>
    public VslGaussianSource(ulong key, VslBrng brng = DefaultBrng, VslGaussianMethod method = DefaultMethod)
    {
        ReadOnlySpan<uint> words = [(uint)key, (uint)(key >> 32)];
        _stream = VslStream.Create(brng, words);
        _method = method;
        _key = key;
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
    public bool CanSaveState => true;

    /// <inheritdoc />
    /// <remarks>"VSL1", the method and the key, then MKL's image of the stream (vslSaveStreamM).</remarks>
    public byte[] SaveState()
    {
        byte[] image = _stream.Save();
        var state = new byte[HeaderBytes + image.Length];
        "VSL1"u8.CopyTo(state);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(4), _key);
        BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(12), (int)_method);
        image.CopyTo(state, HeaderBytes);
        return state;
    }

    /// <inheritdoc />
    public void RestoreState(ReadOnlySpan<byte> state)
    {
        if (state.Length <= HeaderBytes || !StateBytes.HasTag(state, "VSL1"))
            throw new ArgumentException("The bytes are not the state of a VSL Gaussian source.", nameof(state));
        if (BinaryPrimitives.ReadUInt64LittleEndian(state[4..]) != _key)
            throw new ArgumentException("The state belongs to a VSL Gaussian source with another key.", nameof(state));
        if (BinaryPrimitives.ReadInt32LittleEndian(state[12..]) != (int)_method)
            throw new ArgumentException($"The state belongs to a VSL Gaussian source with another method than {_method}.", nameof(state));
        var restored = VslStream.Load(_stream.Brng, state[HeaderBytes..]);
        _stream.Dispose();
        _stream = restored;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
