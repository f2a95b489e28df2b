namespace FastPR.Native;

/// <summary>Uniform transformation methods (VSL_RNG_METHOD_UNIFORM_*).</summary>
public enum VslUniformMethod
{
    /// <summary>Standard method; results may round onto the interval's end points (VSL_RNG_METHOD_UNIFORM_STD).</summary>
    Standard = 0,

    /// <summary>Accurate mode: results stay strictly inside [a, b) (VSL_RNG_METHOD_UNIFORM_STD_ACCURATE, the accuracy flag 1 &lt;&lt; 30).</summary>
    Accurate = 0x40000000,
}
