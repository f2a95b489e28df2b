namespace FastPR.Native;

/// <summary>VSL basic random number generators (VSL_BRNG_* in mkl_vsl_defines.h; consecutive multiples of 2^20).</summary>
public enum VslBrng
{
    /// <summary>31-bit multiplicative congruential generator (VSL_BRNG_MCG31). Supports skip-ahead.</summary>
    Mcg31 = 0x100000,

    /// <summary>Generalized feedback shift register R250 (VSL_BRNG_R250). No skip-ahead.</summary>
    R250 = 0x200000,

    /// <summary>Combined multiple recursive generator MRG32k3a (VSL_BRNG_MRG32K3A). Supports skip-ahead.</summary>
    Mrg32k3a = 0x300000,

    /// <summary>59-bit multiplicative congruential generator (VSL_BRNG_MCG59). Supports skip-ahead.</summary>
    Mcg59 = 0x400000,

    /// <summary>Wichmann–Hill combined generator (VSL_BRNG_WH). Supports skip-ahead.</summary>
    Wh = 0x500000,

    /// <summary>Mersenne Twister MT19937 (VSL_BRNG_MT19937). Supports skip-ahead.</summary>
    Mt19937 = 0x800000,

    /// <summary>Set of 6024 Mersenne Twisters MT2203 (VSL_BRNG_MT2203). No skip-ahead.</summary>
    Mt2203 = 0x900000,

    /// <summary>SIMD-oriented Fast Mersenne Twister SFMT19937 (VSL_BRNG_SFMT19937). Supports skip-ahead.</summary>
    Sfmt19937 = 0xD00000,

    /// <summary>Counter-based ARS-5 on AES-NI (VSL_BRNG_ARS5). Supports skip-ahead.</summary>
    Ars5 = 0xF00000,

    /// <summary>Counter-based Philox4x32-10 (VSL_BRNG_PHILOX4X32X10). Supports skip-ahead.</summary>
    Philox4x32x10 = 0x1000000,
}
