using FastPR.Core;

namespace FastPR.Interop;

/// <summary>The integer codes of fastpr.h's enums, mapped to Core's enums with a clear error for any other value.</summary>
internal static class Codes
{
    public static EngineKind Engine(int code) => code switch
    {
        0 => EngineKind.Auto,
        1 => EngineKind.Reference,
        2 => EngineKind.Mkl,
        3 => EngineKind.Projected,
        _ => throw new ArgumentOutOfRangeException("kind", code, $"engine kind must be 0 (auto), 1 (reference), 2 (mkl) or 3 (projected) (got {code})."),
    };

    public static GaussianSourceKind Source(int code) => code switch
    {
        0 => GaussianSourceKind.Auto,
        1 => GaussianSourceKind.Mkl,
        2 => GaussianSourceKind.Philox,
        3 => GaussianSourceKind.Ziggurat,
        _ => throw new ArgumentOutOfRangeException("source", code, $"Gaussian source must be 0 (auto), 1 (mkl), 2 (managed) or 3 (ziggurat) (got {code})."),
    };

    public static AlgorithmKind Algorithm(int code) => code switch
    {
        0 => AlgorithmKind.Sgd,
        1 => AlgorithmKind.Gd,
        2 => AlgorithmKind.Flow,
        3 => AlgorithmKind.SgdOde,
        4 => AlgorithmKind.SgdSde,
        _ => throw new ArgumentOutOfRangeException("algorithm", code, $"algorithm must be 0 (sgd), 1 (gd), 2 (flow), 3 (sgd-ode) or 4 (sgd-sde) (got {code})."),
    };

    public static InitialPoint Init(int code) => code switch
    {
        0 => InitialPoint.Sphere,
        1 => InitialPoint.Gaussian,
        _ => throw new ArgumentOutOfRangeException("init", code, $"init must be 0 (sphere) or 1 (gaussian) (got {code})."),
    };

    public static bool Flag(int code, string name) => code switch
    {
        0 => false,
        1 => true,
        _ => throw new ArgumentOutOfRangeException(name, code, $"{name} must be 0 or 1 (got {code})."),
    };
}
