using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastPR.Core;

/// <summary>
/// The 1024-layer ziggurat for the half-normal density f(x) = exp(−x²/2) (Marsaglia and Tsang, 2000): layer 0 is the base
/// strip [0, r]×[0, f(r)] plus the tail beyond r, and layer i ≥ 1 the rectangle [0, x_i]×[f(x_i), f(x_{i+1})]; every layer has
/// area v, with x_0 = v/f(r), x_1 = r, x_{i+1} = f⁻¹(f(x_i) + v/x_i) and x_1024 = 0. A point u·x_i with u &lt; x_{i+1}/x_i lies
/// under the curve in every layer (the fast path, 99.56% of draws); the wedges, the tail and the top layer are resolved exactly
/// by the scalar fallback in <see cref="ZigguratLanes"/>.
/// <para>
/// <b>One gather per normal.</b> The fast path needs the layer's width and its acceptance bound; each entry of
/// <see cref="W"/> is x_i with its 12 low mantissa bits replaced by the bound K_i = ⌊4096·x_{i+1}/W_i⌋ (so one 64-bit load
/// gives both), and the sampler uses W_i itself as the layer's width. The layers are then chosen with probability 1/1024
/// while their areas are v·W_i/x_i, which differs from v by at most 2^−40 relative: the density is exact to 1e-12, below the
/// ~1e-14 to which the recursion itself closes in double. A coarse bound only sends 0.01% more draws to the fallback.
/// </para>
/// <para>
/// The tables are pinned (gathers read them by address) and built once from r and v with <see cref="DeterministicMath"/>'s exp and ln and Math.Sqrt,
/// so they are the same bits on every machine; a test checks that the recursion closes.
/// </para>
/// </summary>
internal static unsafe class ZigguratTables
{
    /// <summary>Number of layers; a normal takes its layer from the low 10 bits of its word.</summary>
    public const int Layers = 1024;

    /// <summary>Bits of the acceptance bound stored in the low mantissa bits of <see cref="W"/>.</summary>
    public const int BoundBits = 12;

    /// <summary>r: where the tail begins (the root that makes the recursion end at x_1023 with f(x_1023) + v/x_1023 = 1).</summary>
    public const double R = 4.038849846109504;

    /// <summary>v: the area of each layer, r·f(r) + ∫_r^∞ f.</summary>
    public const double V = 0.0012263246463530893;

    /// <summary>x_0 … x_1024 (x_1024 = 0): the exact inner bounds the fallback tests against.</summary>
    public static readonly double[] X = Pinned<double>(Layers + 1);

    /// <summary>f(x_i) for i = 1 … 1024 (entry 0 unused): layer i's lower and upper heights are F[i], F[i + 1].</summary>
    public static readonly double[] F = Pinned<double>(Layers + 1);

    /// <summary>Layer widths with the fast path's acceptance bound in their low <see cref="BoundBits"/> mantissa bits.</summary>
    public static readonly double[] W = Pinned<double>(Layers);

    static ZigguratTables()
    {
        X[0] = V / Density(R);
        X[1] = R;
        for (int i = 1; i < Layers - 1; i++) X[i + 1] = Math.Sqrt(-2 * DeterministicMath.Log(Density(X[i]) + V / X[i]));
        X[Layers] = 0;
        for (int i = 1; i <= Layers; i++) F[i] = Density(X[i]);
        const ulong low = (1UL << BoundBits) - 1;
        for (int i = 0; i < Layers; i++)
        {
            ulong high = BitConverter.DoubleToUInt64Bits(X[i]) & ~low;
            ulong bound = (ulong)Math.Floor(X[i + 1] / BitConverter.UInt64BitsToDouble(high) * (1 << BoundBits));
            // Lowered until the fast path cannot accept a point at or beyond x_{i+1}, whatever the rounding of the ratio.
            while (bound > 0 && bound * (BitConverter.UInt64BitsToDouble(high | bound) / (1 << BoundBits)) >= X[i + 1]) bound--;
            W[i] = BitConverter.UInt64BitsToDouble(high | bound);
        }
    }

    /// <summary>The fast path's acceptance bound of layer <paramref name="i"/>: accept when ⌊u·4096⌋ &lt; bound.</summary>
    public static long Bound(int i) => (long)(BitConverter.DoubleToUInt64Bits(W[i]) & ((1UL << BoundBits) - 1));

    /// <summary>exp(−x²/2), the unnormalised half-normal density.</summary>
    public static double Density(double x) => DeterministicMath.Exp(-0.5 * x * x);

    /// <summary>Address of a pinned table's first element.</summary>
    public static T* Address<T>(T[] table) where T : unmanaged => (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(table));

    private static T[] Pinned<T>(int length) where T : unmanaged => GC.AllocateArray<T>(length, pinned: true);
}
