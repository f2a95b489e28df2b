namespace FastPR.Core;

/// <summary>
/// The fast managed Gaussian stream: sixteen xoshiro256++ lanes and a 1024-layer SIMD ziggurat, in double or float.
/// <para>
/// <b>The stream.</b> Lane 0 is seeded from the key by SplitMix64 and lane L + 1 is lane L advanced by 2^128 words, so
/// the lanes are disjoint stretches of one xoshiro256++ sequence (period 2^256 − 1); keys from <see cref="SeedSequence"/>
/// start ensemble members at unrelated points of it. Normal 16b + L (double) comes from lane L's b-th word, and in float
/// normals 32b + 2L and 32b + 2L + 1 from its two halves (<see cref="ZigguratLanes"/> gives the mapping). 99.56% of the
/// draws are accepted on the fast path: one table gather, a multiply and an integer compare, no log. The rest take the
/// exact scalar fallback (wedge test with one exp, or Marsaglia's tail method), which draws any further words from a
/// separate fallback stream of the same lane (seeded like the main lanes from a derived key).
/// </para>
/// <para>
/// <b>Widths.</b> The kernels run in 256-bit registers with AVX2 (also on AVX-512 machines: without a 512-bit gather in
/// .NET 10 the 512-bit path measured slower), in 128-bit registers elsewhere (NEON on ARM64, SSE2), or in scalar code;
/// the 512-bit path exists and is tested. All four give bit-identical streams, and fills of any sizes give the same stream as one fill (partial batches go
/// through a small cache). Mixing <see cref="Fill(Span{double})"/> and <see cref="Fill(Span{float})"/> on one source
/// is allowed, but each discards the other's cached partial batch.
/// </para>
/// </summary>
public sealed class ZigguratGaussianSource : IFloatGaussianSource, IResumable
{
    /// <summary>Batches per kernel call: bounds the rejection-mask buffer.</summary>
    private const int MaxBatches = 512;
    private const ulong FallbackDomain = 0x5A49_4747_5552_4154; // "ZIGGURAT"

    private readonly ulong[] _state = GC.AllocateArray<ulong>(4 * ZigguratLanes.Count, pinned: true);
    private readonly ulong[] _fallback = new ulong[4 * ZigguratLanes.Count];
    private readonly uint[] _masks = GC.AllocateArray<uint>(MaxBatches, pinned: true);
    private readonly SimdGaussianSource.LaneWidth _width;
    private readonly double[] _doubleCache = new double[ZigguratLanes.DoublesPerBatch];
    private readonly float[] _singleCache = new float[ZigguratLanes.SinglesPerBatch];
    private int _doubleCached; // unread normals at the end of _doubleCache
    private int _singleCached;
    private readonly ulong _key;

    /// <summary>Creates the stream of <paramref name="key"/> on the fastest path this machine runs natively.</summary>
    public ZigguratGaussianSource(ulong key) : this(key, BestWidth) { }

    /// <summary>Creates the stream on a given path (tests compare the paths).</summary>
    internal ZigguratGaussianSource(ulong key, SimdGaussianSource.LaneWidth width)
    {
        if (!IsSupported(width)) throw new PlatformNotSupportedException($"The {width} path of {nameof(ZigguratGaussianSource)} is not supported on this machine.");
        _width = width;
        _key = key;
        Xoshiro256.Seed(key, _state);
        Xoshiro256.Seed(SeedSequence.Combine(key, FallbackDomain), _fallback);
    }

    /// <summary>The vector path this machine runs the ziggurat on ("vector256", "vector128", "scalar"); every path gives the same bits.</summary>
    public static string VectorPath => BestWidth.ToString().ToLowerInvariant();

    /// <summary>The fastest path on this machine: 256-bit wherever AVX2 exists (see <see cref="ZigguratLanes.Vector512IsSupported"/>).</summary>
    internal static SimdGaussianSource.LaneWidth BestWidth =>
        ZigguratLanes.Vector256IsSupported ? SimdGaussianSource.LaneWidth.Vector256
        : ZigguratLanes.Vector128IsSupported ? SimdGaussianSource.LaneWidth.Vector128 : SimdGaussianSource.LaneWidth.Scalar;

    /// <summary>Whether <paramref name="width"/> runs on this machine.</summary>
    internal static bool IsSupported(SimdGaussianSource.LaneWidth width) => width switch
    {
        SimdGaussianSource.LaneWidth.Scalar => true,
        SimdGaussianSource.LaneWidth.Vector128 => ZigguratLanes.Vector128IsSupported,
        SimdGaussianSource.LaneWidth.Vector256 => ZigguratLanes.Vector256IsSupported,
        SimdGaussianSource.LaneWidth.Vector512 => ZigguratLanes.Vector512IsSupported,
        _ => false,
    };

    /// <inheritdoc />
    public string Name => "managed-simd:xoshiro256++x16/Ziggurat1024";

    /// <summary>The path in use: "scalar", "vector128", "vector256" or "vector512".</summary>
    public string Path => _width.ToString().ToLowerInvariant();

    /// <inheritdoc />
    public void Fill(Span<double> destination)
    {
        _singleCached = 0;
        int i = Drain(_doubleCache, ref _doubleCached, destination);
        int batches = (destination.Length - i) / ZigguratLanes.DoublesPerBatch;
        if (batches > 0)
        {
            Generate(destination.Slice(i, batches * ZigguratLanes.DoublesPerBatch), batches);
            i += batches * ZigguratLanes.DoublesPerBatch;
        }
        if (i < destination.Length)
        {
            Generate(_doubleCache, 1);
            _doubleCached = _doubleCache.Length;
            Drain(_doubleCache, ref _doubleCached, destination[i..]);
        }
    }

    /// <inheritdoc />
    public void Fill(Span<float> destination)
    {
        _doubleCached = 0;
        int i = Drain(_singleCache, ref _singleCached, destination);
        int batches = (destination.Length - i) / ZigguratLanes.SinglesPerBatch;
        if (batches > 0)
        {
            Generate(destination.Slice(i, batches * ZigguratLanes.SinglesPerBatch), batches);
            i += batches * ZigguratLanes.SinglesPerBatch;
        }
        if (i < destination.Length)
        {
            Generate(_singleCache, 1);
            _singleCached = _singleCache.Length;
            Drain(_singleCache, ref _singleCached, destination[i..]);
        }
    }

    /// <summary>Copies up to <paramref name="cached"/> unread values from the end of the cache; returns how many.</summary>
    private static int Drain<T>(T[] cache, ref int cached, Span<T> destination)
    {
        int count = Math.Min(cached, destination.Length);
        cache.AsSpan(cache.Length - cached, count).CopyTo(destination);
        cached -= count;
        return count;
    }

    private unsafe void Generate(Span<double> destination, int batches)
    {
        if (_width == SimdGaussianSource.LaneWidth.Scalar)
        {
            ZigguratLanes.FillDoubleScalar(_state, _fallback, destination, batches);
            return;
        }
        fixed (double* start = destination)
        fixed (ulong* state = _state)
        fixed (uint* masks = _masks)
        {
            for (int first = 0; first < batches; first += MaxBatches)
            {
                int count = Math.Min(MaxBatches, batches - first);
                double* d = start + first * ZigguratLanes.DoublesPerBatch;
                if (_width == SimdGaussianSource.LaneWidth.Vector512) ZigguratLanes.FillDouble512(state, d, masks, count);
                else if (_width == SimdGaussianSource.LaneWidth.Vector256) ZigguratLanes.FillDouble256(state, d, masks, count);
                else ZigguratLanes.FillDouble128(state, d, masks, count);
                ZigguratLanes.ResolveDoubles(_fallback, d, masks, count);
            }
        }
    }

    private unsafe void Generate(Span<float> destination, int batches)
    {
        if (_width == SimdGaussianSource.LaneWidth.Scalar)
        {
            ZigguratLanes.FillSingleScalar(_state, _fallback, destination, batches);
            return;
        }
        fixed (float* start = destination)
        fixed (ulong* state = _state)
        fixed (uint* masks = _masks)
        {
            for (int first = 0; first < batches; first += MaxBatches)
            {
                int count = Math.Min(MaxBatches, batches - first);
                float* d = start + first * ZigguratLanes.SinglesPerBatch;
                if (_width == SimdGaussianSource.LaneWidth.Vector512) ZigguratLanes.FillSingle512(state, d, masks, count);
                else if (_width == SimdGaussianSource.LaneWidth.Vector256) ZigguratLanes.FillSingle256(state, d, masks, count);
                else ZigguratLanes.FillSingle128(state, d, masks, count);
                ZigguratLanes.ResolveSingles(_fallback, d, masks, count);
            }
        }
    }

    /// <inheritdoc />
    public bool CanSaveState => true;

    /// <inheritdoc />
    /// <remarks>
    /// The lanes' and the fallback's xoshiro states and the unread tail of the cache: the stream is the same on every width,
    /// so a state saved on one path continues on another.
    /// </remarks>
    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write("ZIG1"u8);
            writer.Write(_key);
            foreach (ulong word in _state) writer.Write(word);
            foreach (ulong word in _fallback) writer.Write(word);
            writer.Write(_doubleCached);
            for (int i = _doubleCache.Length - _doubleCached; i < _doubleCache.Length; i++) writer.Write(_doubleCache[i]);
            writer.Write(_singleCached);
            for (int i = _singleCache.Length - _singleCached; i < _singleCache.Length; i++) writer.Write(_singleCache[i]);
        }
        return stream.ToArray();
    }

    /// <inheritdoc />
    public void RestoreState(ReadOnlySpan<byte> state)
    {
        const string what = "ziggurat Gaussian source";
        int words = _state.Length + _fallback.Length;
        if (state.Length < 12 + (8 * words) + 8 || !StateBytes.HasTag(state, "ZIG1")) throw new ArgumentException($"The bytes are not the state of a {what}.", nameof(state));
        using var reader = new BinaryReader(new MemoryStream(state.ToArray()));
        reader.ReadBytes(4);
        if (reader.ReadUInt64() != _key) throw new ArgumentException($"The state belongs to a {what} with another key.", nameof(state));
        var lanes = new ulong[_state.Length];
        var fallback = new ulong[_fallback.Length];
        for (int i = 0; i < lanes.Length; i++) lanes[i] = reader.ReadUInt64();
        for (int i = 0; i < fallback.Length; i++) fallback[i] = reader.ReadUInt64();
        int doubles = reader.ReadInt32();
        if (doubles < 0 || doubles > _doubleCache.Length || reader.BaseStream.Length - reader.BaseStream.Position < (8L * doubles) + 4)
            throw new ArgumentException($"The state of the {what} is cut short.", nameof(state));
        var doubleTail = new double[doubles];
        for (int i = 0; i < doubles; i++) doubleTail[i] = reader.ReadDouble();
        int singles = reader.ReadInt32();
        if (singles < 0 || singles > _singleCache.Length || reader.BaseStream.Length - reader.BaseStream.Position != 4L * singles)
            throw new ArgumentException($"The state of the {what} is cut short.", nameof(state));
        var singleTail = new float[singles];
        for (int i = 0; i < singles; i++) singleTail[i] = reader.ReadSingle();

        lanes.CopyTo(_state, 0);
        fallback.CopyTo(_fallback, 0);
        doubleTail.CopyTo(_doubleCache, _doubleCache.Length - doubles);
        _doubleCached = doubles;
        singleTail.CopyTo(_singleCache, _singleCache.Length - singles);
        _singleCached = singles;
    }

    /// <inheritdoc />
    public void Dispose() { }
}
