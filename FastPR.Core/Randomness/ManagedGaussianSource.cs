namespace FastPR.Core;

/// <summary>
/// A plain managed Gaussian stream for machines without MKL: Philox4x32-10 blocks → two 53-bit uniforms →
/// Box–Muller → two normals, by <see cref="PhiloxBoxMuller"/> on one lane: the same stream as <see cref="SimdGaussianSource"/>,
/// bit for bit, on every machine. Sample n depends only on (key, n), so <see cref="SkipAhead"/> is O(1) and reproducible everywhere,
/// and any sequence of <see cref="Fill"/> calls, whatever their sizes (odd ones included), yields the same stream bit for bit.
/// </summary>
public sealed class ManagedGaussianSource : IGaussianSource, IResumable
{
    private readonly ulong _key;
    private long _position;

    /// <summary>Creates the stream with the given 64-bit key (see <see cref="SeedSequence"/>).</summary>
    public ManagedGaussianSource(ulong key) => _key = key;

    /// <inheritdoc />
    public string Name => "managed:Philox4x32-10/BoxMuller";

    /// <summary>Index of the next sample.</summary>
    public long Position => _position;

    /// <summary>Moves the stream forward by <paramref name="count"/> samples without generating them.</summary>
    public void SkipAhead(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _position += count;
    }

    /// <inheritdoc />
    public void Fill(Span<double> destination)
    {
        int i = 0;
        if ((_position & 1) != 0 && destination.Length > 0)
        {
            destination[i++] = Pair(_position >> 1).Second;
        }
        for (; i + 1 < destination.Length; i += 2)
        {
            var (a, b) = Pair((_position + i) >> 1);
            destination[i] = a;
            destination[i + 1] = b;
        }
        if (i < destination.Length) destination[i] = Pair((_position + i) >> 1).First;
        _position += destination.Length;
    }

    /// <summary>The two normals at positions 2·pair and 2·pair + 1.</summary>
    private (double First, double Second) Pair(long pair)
    {
        Span<double> pairValues = stackalloc double[2];
        PhiloxBoxMuller.Generate<ScalarLanes>((ulong)pair, _key, pairValues);
        return (pairValues[0], pairValues[1]);
    }

    /// <inheritdoc />
    public bool CanSaveState => true;

    /// <inheritdoc />
    public byte[] SaveState() => StateBytes.Counter("MGD1", _key, _position);

    /// <inheritdoc />
    public void RestoreState(ReadOnlySpan<byte> state) => _position = StateBytes.ReadCounter(state, "MGD1", _key, "managed Gaussian source");

    /// <inheritdoc />
    public void Dispose() { }
}
