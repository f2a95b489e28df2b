using System.Runtime.CompilerServices;

namespace FastPR.Core;

/// <summary>
/// xoshiro256++ (Blackman and Vigna, 2019), period 2^256 − 1, on a state of four words held at index
/// <c>lane</c> of four arrays of <see cref="ZigguratLanes.Count"/> lanes: word k of lane L sits at k·Count + L, so the vector
/// paths load one state word for consecutive lanes with one instruction.
/// </summary>
internal static class Xoshiro256
{
    private static readonly ulong[] JumpPolynomial = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C];

    /// <summary>The next word of lane <paramref name="lane"/>, advancing its state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Next(Span<ulong> state, int lane)
    {
        const int n = ZigguratLanes.Count;
        ref ulong s0 = ref state[lane], s1 = ref state[n + lane], s2 = ref state[2 * n + lane], s3 = ref state[3 * n + lane];
        ulong result = ulong.RotateLeft(s0 + s3, 23) + s0;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>
    /// Seeds lane 0 from <paramref name="key"/> by SplitMix64 (the seeding its authors recommend) and lane L + 1 as lane L
    /// advanced by 2^128 words, so the lanes are non-overlapping stretches of one sequence.
    /// </summary>
    public static void Seed(ulong key, Span<ulong> state)
    {
        const int n = ZigguratLanes.Count;
        Span<ulong> s = stackalloc ulong[4];
        for (int k = 0; k < 4; k++) s[k] = SeedSequence.Mix(key + (ulong)k * 0x9E37_79B9_7F4A_7C15UL);
        if ((s[0] | s[1] | s[2] | s[3]) == 0) s[0] = 1; // the all-zero state is the one fixed point
        for (int lane = 0; lane < n; lane++)
        {
            for (int k = 0; k < 4; k++) state[k * n + lane] = s[k];
            Jump(s);
        }
    }

    /// <summary>Advances a four-word state by 2^128 words.</summary>
    private static void Jump(Span<ulong> s)
    {
        ulong a = 0, b = 0, c = 0, d = 0;
        foreach (ulong word in JumpPolynomial)
        {
            for (int bit = 0; bit < 64; bit++)
            {
                if ((word & (1UL << bit)) != 0)
                {
                    a ^= s[0];
                    b ^= s[1];
                    c ^= s[2];
                    d ^= s[3];
                }
                ulong t = s[1] << 17;
                s[2] ^= s[0];
                s[3] ^= s[1];
                s[1] ^= s[2];
                s[0] ^= s[3];
                s[2] ^= t;
                s[3] = ulong.RotateLeft(s[3], 45);
            }
        }
        s[0] = a;
        s[1] = b;
        s[2] = c;
        s[3] = d;
    }
}
