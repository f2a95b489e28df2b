namespace FastPR.Core;

/// <summary>
/// Derives independent 64-bit keys from user seeds, so results never depend on thread count or order.
/// <list type="bullet">
/// <item>problem seed → <see cref="ProblemKey"/> → teacher w* then initial point w(0), from one managed Philox stream;</item>
/// <item>(run seed, ensemble member m) → <see cref="RunKey"/> → that member's SGD stream (VSL seed words or managed Philox key).</item>
/// </list>
/// Member 0 of run seed s and member 1 of run seed s are different streams; so are member 0 of seeds s and s+1.
/// The mixing is SplitMix64's finaliser, applied with distinct domain tags, so it is identical on every machine.
/// </summary>
public static class SeedSequence
{
    private const ulong ProblemDomain = 0x5052_4F42_4C45_4D31; // "PROBLEM1"
    private const ulong RunDomain = 0x5255_4E53_5452_4D31;     // "RUNSTRM1"

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix with full avalanche.</summary>
    internal static ulong Mix(ulong z)
    {
        z += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Combines two values into one key (order matters).</summary>
    internal static ulong Combine(ulong a, ulong b) => Mix(Mix(a) ^ (b + 0x6A09_E667_F3BC_C909UL));

    /// <summary>Key of the stream that draws the teacher and the initial point.</summary>
    public static ulong ProblemKey(ulong problemSeed) => Combine(ProblemDomain, problemSeed);

    /// <summary>Key of the SGD stream of ensemble member <paramref name="member"/> under run seed <paramref name="runSeed"/>.</summary>
    public static ulong RunKey(ulong runSeed, int member = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        return Combine(Combine(RunDomain, runSeed), (ulong)member);
    }
}
