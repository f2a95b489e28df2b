using FastPR.Core;

namespace FastPR.Tests.Randomness;

/// <summary>Philox4x32-10 against Random123's known answers, and the seed derivation's key separation.</summary>
public class PhiloxAndSeedTests
{
    /// <summary>An independent, full-width (4 counter words, 2 key words) Philox4x32-10 written for this test.</summary>
    private static uint[] Philox(uint[] counter, uint[] key)
    {
        uint[] c = (uint[])counter.Clone();
        uint k0 = key[0], k1 = key[1];
        for (int round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += 0x9E3779B9; k1 += 0xBB67AE85; }
            ulong product0 = 0xD2511F53UL * c[0], product1 = 0xCD9E8D57UL * c[2];
            c = [(uint)(product1 >> 32) ^ c[1] ^ k0, (uint)product1, (uint)(product0 >> 32) ^ c[3] ^ k1, (uint)product0];
        }
        return c;
    }

    [Fact]
    public void ReferenceImplementationReproducesRandom123KnownAnswers()
    {
        Assert.Equal([0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u], Philox([0, 0, 0, 0], [0, 0]));
        Assert.Equal([0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu],
            Philox([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]));
        Assert.Equal([0xd16cfe09u, 0x94fdcceb, 0x5001e420u, 0x24126ea1u],
            Philox([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]));
    }

    [Fact]
    public void LibraryBlockMatchesKnownAnswerAndReference()
    {
        var (lo, hi) = Philox4x32.Block(0, 0);
        Assert.Equal(0xe169c58d_6627e8d5UL, lo);
        Assert.Equal(0x9b00dbd8_bc57ac4cUL, hi);
        var rng = new Random(7);
        for (int trial = 0; trial < 1000; trial++)
        {
            ulong counter = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63), key = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63);
            uint[] expected = Philox([(uint)counter, (uint)(counter >> 32), 0, 0], [(uint)key, (uint)(key >> 32)]);
            (lo, hi) = Philox4x32.Block(counter, key);
            Assert.Equal(expected[0] | ((ulong)expected[1] << 32), lo);
            Assert.Equal(expected[2] | ((ulong)expected[3] << 32), hi);
        }
    }

    [Fact]
    public void SeedDerivationSeparatesProblemsRunsAndMembers()
    {
        var keys = new HashSet<ulong>();
        for (ulong seed = 0; seed < 100; seed++)
        {
            Assert.True(keys.Add(SeedSequence.ProblemKey(seed)));
            for (int member = 0; member < 100; member++) Assert.True(keys.Add(SeedSequence.RunKey(seed, member)), $"collision at ({seed}, {member})");
        }
        Assert.Equal(SeedSequence.RunKey(5, 3), SeedSequence.RunKey(5, 3));
        Assert.Equal(SeedSequence.RunKey(5), SeedSequence.RunKey(5, 0));
        Assert.NotEqual(SeedSequence.Combine(1, 2), SeedSequence.Combine(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedSequence.RunKey(0, -1));
        // SplitMix64's finaliser: a pinned value guards the key derivation (changing it would silently change every result).
        Assert.Equal(0xE220A8397B1DCDAFUL, SeedSequence.Mix(0));
    }
}
