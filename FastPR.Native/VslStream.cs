using System.Runtime.InteropServices;

namespace FastPR.Native;

/// <summary>
/// A VSL random stream: one basic generator's state. Distributions write into caller-owned spans and allocate nothing.
/// Not thread-safe: give each thread its own stream (see <see cref="SkipAhead"/>, <see cref="Save"/> and <see cref="Load"/>).
/// </summary>
/// <remarks>Every non-zero VSL status becomes an <see cref="MklException"/>; a stream that failed to initialise is never returned.</remarks>
public sealed class VslStream : SafeHandle
{
    private VslStream(VslBrng brng)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        Brng = brng;
    }

    /// <summary>The basic generator behind this stream.</summary>
    public VslBrng Brng { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a stream seeded with one 32-bit word (vslNewStream).</summary>
    /// <param name="brng">Basic generator.</param>
    /// <param name="seed">Seed; each generator documents how it expands it into a state.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="MklException">MKL rejected the generator (status -1000 for an unknown value) or the seed.</exception>
    public static unsafe VslStream Create(VslBrng brng, uint seed)
    {
        MklLibrary.EnsureLoaded();
        var stream = new VslStream(brng);
        IntPtr raw = IntPtr.Zero;
        int status = MklImports.vslNewStream(&raw, (int)brng, seed);
        return Adopt(stream, raw, status, "vslNewStream");
    }

    /// <summary>Creates a stream from an array of 32-bit seed words (vslNewStreamEx), for generators that take more than one word.</summary>
    /// <param name="brng">Basic generator.</param>
    /// <param name="seedWords">Seed words; how many are used depends on the generator. Empty means MKL's default seed, 1.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="MklException">MKL rejected the generator or the seed words.</exception>
    public static unsafe VslStream Create(VslBrng brng, ReadOnlySpan<uint> seedWords)
    {
        MklLibrary.EnsureLoaded();
        var stream = new VslStream(brng);
        IntPtr raw = IntPtr.Zero;
        int status;
        fixed (uint* words = seedWords)
        {
            status = MklImports.vslNewStreamEx(&raw, (int)brng, seedWords.Length, words);
        }

        return Adopt(stream, raw, status, "vslNewStreamEx");
    }

    /// <summary>Advances the stream by <paramref name="nskip"/> basic outputs (vslSkipAheadStream, 64-bit count).</summary>
    /// <param name="nskip">Number of outputs to skip; with <see cref="VslGaussianMethod.Icdf"/> one Gaussian uses one output.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nskip"/> is negative.</exception>
    /// <exception cref="MklException">The generator has no skip-ahead (status -1003, e.g. R250 and MT2203).</exception>
    public void SkipAhead(long nskip)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nskip);
        Check(MklImports.vslSkipAheadStream(this, nskip), "vslSkipAheadStream");
    }

    /// <summary>The stream's whole state as bytes (vslGetStreamSize, vslSaveStreamM), for <see cref="Load"/>.</summary>
    /// <returns>A new array holding MKL's image of the state.</returns>
    /// <exception cref="MklException">MKL could not size or save the stream.</exception>
    public unsafe byte[] Save()
    {
        int size = MklImports.vslGetStreamSize(this);
        if (size <= 0)
        {
            throw new MklException("vslGetStreamSize", size);
        }

        var memory = new byte[size];
        fixed (byte* p = memory)
        {
            Check(MklImports.vslSaveStreamM(this, p), "vslSaveStreamM");
        }

        return memory;
    }

    /// <summary>
    /// A stream in the state <see cref="Save"/> wrote (vslLoadStreamM), which continues exactly where the saved one stood.
    /// MKL reads the image without a length, so its size is checked first against a fresh stream of <paramref name="brng"/>.
    /// </summary>
    /// <param name="brng">The generator the image must hold.</param>
    /// <param name="memory">The bytes from <see cref="Save"/>.</param>
    /// <returns>The restored stream.</returns>
    /// <exception cref="ArgumentException">The image has the wrong size or holds another generator.</exception>
    /// <exception cref="MklException">MKL rejected the image.</exception>
    public static unsafe VslStream Load(VslBrng brng, ReadOnlySpan<byte> memory)
    {
        int expected;
        using (var probe = Create(brng, 1u))
        {
            expected = MklImports.vslGetStreamSize(probe);
        }

        if (expected <= 0)
        {
            throw new MklException("vslGetStreamSize", expected);
        }

        if (memory.Length != expected)
        {
            throw new ArgumentException($"A saved {brng} stream has {expected} bytes, not {memory.Length}.", nameof(memory));
        }

        var stream = new VslStream(brng);
        IntPtr raw = IntPtr.Zero;
        int status;
        fixed (byte* p = memory)
        {
            status = MklImports.vslLoadStreamM(&raw, p);
        }

        Adopt(stream, raw, status, "vslLoadStreamM");
        int loaded = MklImports.vslGetStreamStateBrng(stream);
        if (loaded != (int)brng)
        {
            stream.Dispose();
            if (loaded < 0)
            {
                throw new MklException("vslGetStreamStateBrng", loaded);
            }

            throw new ArgumentException($"The saved stream holds generator {loaded}, not {brng}.", nameof(memory));
        }

        return stream;
    }

    /// <summary>Fills <paramref name="r"/> with N(mean, sigma²) samples (vdRngGaussian).</summary>
    /// <param name="r">Output; empty is a no-op.</param>
    /// <param name="mean">Mean.</param>
    /// <param name="sigma">Standard deviation, &gt; 0.</param>
    /// <param name="method">Transformation method.</param>
    /// <exception cref="MklException">Bad arguments, e.g. sigma ≤ 0 (status -3).</exception>
    public unsafe void Gaussian(Span<double> r, double mean = 0, double sigma = 1, VslGaussianMethod method = VslGaussianMethod.Icdf)
    {
        if (r.IsEmpty)
        {
            return;
        }

        fixed (double* p = r)
        {
            Check(MklImports.vdRngGaussian((int)method, this, r.Length, p, mean, sigma), "vdRngGaussian");
        }
    }

    /// <summary>Fills <paramref name="r"/> with N(mean, sigma²) samples in single precision (vsRngGaussian).</summary>
    /// <param name="r">Output; empty is a no-op.</param>
    /// <param name="mean">Mean.</param>
    /// <param name="sigma">Standard deviation, &gt; 0.</param>
    /// <param name="method">Transformation method.</param>
    /// <exception cref="MklException">Bad arguments, e.g. sigma ≤ 0 (status -3).</exception>
    public unsafe void Gaussian(Span<float> r, float mean = 0, float sigma = 1, VslGaussianMethod method = VslGaussianMethod.Icdf)
    {
        if (r.IsEmpty)
        {
            return;
        }

        fixed (float* p = r)
        {
            Check(MklImports.vsRngGaussian((int)method, this, r.Length, p, mean, sigma), "vsRngGaussian");
        }
    }

    /// <inheritdoc/>
    protected override unsafe bool ReleaseHandle()
    {
        IntPtr raw = handle;
        return MklImports.vslDeleteStream(&raw) == 0;
    }

    // On failure MKL leaves the state unset; using it would crash, so nothing escapes but the exception.
    private static unsafe VslStream Adopt(VslStream stream, IntPtr raw, int status, string call)
    {
        if (status != 0)
        {
            if (raw != IntPtr.Zero)
            {
                MklImports.vslDeleteStream(&raw);
            }

            stream.SetHandleAsInvalid();
            throw new MklException(call, status);
        }

        stream.SetHandle(raw);
        return stream;
    }

    private static void Check(int status, string call)
    {
        if (status != 0)
        {
            throw new MklException(call, status);
        }
    }
}
