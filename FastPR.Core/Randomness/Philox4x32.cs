using System.Runtime.CompilerServices;

namespace FastPR.Core;

/// <summary>
/// The Philox4x32-10 counter-based generator (Salmon et al., SC'11): block n under key k is a pure function,
/// so any position of any stream can be reached in O(1) and streams with different keys are independent.
/// </summary>
internal static class Philox4x32
{
    private const uint M0 = 0xD251_1F53, M1 = 0xCD9E_8D57;
    private const uint W0 = 0x9E37_79B9, W1 = 0xBB67_AE85;

    /// <summary>Computes the 128-bit block for a 64-bit counter under a 64-bit key, as two 64-bit words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Lo, ulong Hi) Block(ulong counter, ulong key)
    {
        uint c0 = (uint)counter, c1 = (uint)(counter >> 32), c2 = 0, c3 = 0;
        uint k0 = (uint)key, k1 = (uint)(key >> 32);
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
            k0 += W0; k1 += W1;
        }
        return (c0 | ((ulong)c1 << 32), c2 | ((ulong)c3 << 32));
    }
}
