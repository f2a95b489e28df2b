using System.Runtime.CompilerServices;

namespace FastPR.Core;

/// <summary>
/// A vectorised managed Gaussian stream: Philox4x32-10 over 512- or 256-bit lanes and a vectorised Box–Muller transform.
/// <para>
/// <b>The stream.</b> Sample n of key k is component n mod 2 of pair p = ⌊n/2⌋, and pair p is the Box–Muller transform
/// of the Philox4x32-10 block at 64-bit counter p under key k: the block's low word gives u1 = (⌊lo/2^11⌋ + 1)/2^53,
/// its high word u2 = ⌊hi/2^11⌋/2^53, and the pair is (√(−2 ln u1)·cos 2πu2, √(−2 ln u1)·sin 2πu2).
/// This is the mapping of <see cref="ManagedGaussianSource"/>; the two agree to ~1e-14 (they differ only in how ln, sin
/// and cos are evaluated), not bit for bit.
/// </para>
/// <para>
/// <b>Widths.</b> A kernel call computes consecutive pairs p0, p0 + 1, … one per lane (two registers of 8 lanes on
/// AVX-512, of 4 on AVX2, of 2 on NEON or SSE2, one lane on the scalar path). Every lane runs the same exact or correctly
/// rounded operations and a pair depends only on (key, p), so the 512-, 256-, 128-bit and scalar paths produce
/// bitwise-identical streams;
/// the width only changes the speed. Fills that start or end inside a call go through a small cache, so chunking does
/// not change the stream either.
/// </para>
/// <para>
/// <b>Substreams.</b> Different keys are independent streams (derive them with <see cref="SeedSequence"/>);
/// <see cref="SkipAhead"/> jumps within a stream in O(1), since any sample is a pure function of (key, n).
/// </para>
/// </summary>
public sealed class SimdGaussianSource : IGaussianSource, IResumable
{
    private readonly ulong _key;
    private readonly LaneWidth _width;
    private readonly int _lanes; // pairs per kernel call
    private readonly double[] _cache;
    private long _cachePair = -1;
    private long _position;

    /// <summary>Creates the stream with the given 64-bit key, using the widest vector path this machine runs natively.</summary>
    public SimdGaussianSource(ulong key) : this(key, BestWidth) { }

    /// <summary>Creates the stream on a given path (tests compare the paths).</summary>
    internal SimdGaussianSource(ulong key, LaneWidth width)
    {
        if (!IsSupported(width)) throw new PlatformNotSupportedException($"The {width} path of {nameof(SimdGaussianSource)} is not supported on this machine.");
        _key = key;
        _width = width;
        _lanes = width == LaneWidth.Scalar ? 1 : 2 * (int)width; // vector paths run two registers per call
        _cache = new double[2 * _lanes];
    }

    /// <summary>The vector paths; the value is the number of 64-bit lanes in one register.</summary>
    internal enum LaneWidth
    {
        /// <summary>One lane, general-purpose registers.</summary>
        Scalar = 1,
        /// <summary>NEON on ARM64; SSE2 + FMA on x86-64.</summary>
        Vector128 = 2,
        /// <summary>AVX2 + FMA.</summary>
        Vector256 = 4,
        /// <summary>AVX-512 F + DQ.</summary>
        Vector512 = 8,
    }

    /// <summary>The widest path this machine runs natively.</summary>
    /// <summary>The vector path this machine runs the Philox/Box–Muller stream on ("vector256", "vector128", "scalar"); every path gives the same bits.</summary>
    public static string VectorPath => BestWidth.ToString().ToLowerInvariant();

    internal static LaneWidth BestWidth =>
        Vector512Lanes.IsSupported ? LaneWidth.Vector512 : Vector256Lanes.IsSupported ? LaneWidth.Vector256
        : Vector128Lanes.IsSupported ? LaneWidth.Vector128 : LaneWidth.Scalar;

    /// <summary>Whether <paramref name="width"/> runs on this machine.</summary>
    internal static bool IsSupported(LaneWidth width) => width switch
    {
        LaneWidth.Scalar => true,
        LaneWidth.Vector128 => Vector128Lanes.IsSupported,
        LaneWidth.Vector256 => Vector256Lanes.IsSupported,
        LaneWidth.Vector512 => Vector512Lanes.IsSupported,
        _ => false,
    };

    /// <inheritdoc />
    public string Name => "managed-simd:Philox4x32-10/BoxMuller";

    /// <summary>The path in use: "scalar", "vector128", "vector256" or "vector512".</summary>
    public string Path => _width.ToString().ToLowerInvariant();

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
        int samplesPerCall = 2 * _lanes;
        int i = 0;
        while (i < destination.Length)
        {
            long sample = _position + i;
            long cacheStart = 2 * _cachePair;
            if (_cachePair >= 0 && sample >= cacheStart && sample < cacheStart + samplesPerCall)
            {
                int count = (int)Math.Min(destination.Length - i, cacheStart + samplesPerCall - sample);
                _cache.AsSpan((int)(sample - cacheStart), count).CopyTo(destination[i..]);
                i += count;
            }
            else if ((sample & 1) == 0 && destination.Length - i >= samplesPerCall)
            {
                // Whole calls straight into the destination.
                int calls = (destination.Length - i) / samplesPerCall;
                Generate((ulong)(sample >> 1), calls, destination.Slice(i, calls * samplesPerCall));
                i += calls * samplesPerCall;
            }
            else
            {
                // A partial call (odd start or short tail): generate into the cache, which the next Fill may reuse.
                Generate((ulong)(sample >> 1), 1, _cache);
                _cachePair = sample >> 1;
            }
        }
        _position += destination.Length;
    }

    private void Generate(ulong firstPair, int calls, Span<double> destination)
    {
        switch (_width)
        {
            case LaneWidth.Vector512: Run<TwoRegisters<Vector512Lanes>>(firstPair, calls, destination); break;
            case LaneWidth.Vector256: Run<TwoRegisters<Vector256Lanes>>(firstPair, calls, destination); break;
            case LaneWidth.Vector128: Run<TwoRegisters<Vector128Lanes>>(firstPair, calls, destination); break;
            default: Run<ScalarLanes>(firstPair, calls, destination); break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void Run<T>(ulong firstPair, int calls, Span<double> destination) where T : struct, ILanes<T>
    {
        int lanes = T.Count;
        for (int call = 0; call < calls; call++)
            PhiloxBoxMuller.Generate<T>(firstPair + (ulong)(call * lanes), _key, destination.Slice(2 * call * lanes, 2 * lanes));
    }

    /// <inheritdoc />
    public bool CanSaveState => true;

    /// <inheritdoc />
    /// <remarks>Key and position are the whole state: the cache is a pure function of them, and every width gives the same stream.</remarks>
    public byte[] SaveState() => StateBytes.Counter("SMD1", _key, _position);

    /// <inheritdoc />
    public void RestoreState(ReadOnlySpan<byte> state)
    {
        _position = StateBytes.ReadCounter(state, "SMD1", _key, "managed SIMD Gaussian source");
        _cachePair = -1;
    }

    /// <inheritdoc />
    public void Dispose() { }
}
