using FastPR.Native;

namespace FastPR.Core.Randomness;

/// <summary>Creates the Gaussian source of a run seed and ensemble member, resolving "auto" by MKL availability.</summary>
public static class GaussianSources
{
    /// <summary>Auto → Mkl when MKL loads, else Managed; other kinds unchanged.</summary>
    public static GaussianSourceKind Resolve(GaussianSourceKind kind) =>
        kind == GaussianSourceKind.Auto ? (MklLibrary.IsAvailable ? GaussianSourceKind.Mkl : GaussianSourceKind.Managed) : kind;

    /// <summary>The source of member <paramref name="member"/> under <paramref name="runSeed"/> (key from <see cref="SeedSequence.RunKey"/>).</summary>
    public static IGaussianSource Create(GaussianSourceKind kind, ulong runSeed, int member = 0)
    {
        ulong key = SeedSequence.RunKey(runSeed, member);
        return Resolve(kind) switch
        {
            GaussianSourceKind.Mkl => new VslGaussianSource(key),
            GaussianSourceKind.Managed => new SimdGaussianSource(key),
            var other => throw new ArgumentOutOfRangeException(nameof(kind), other, "Unknown Gaussian source."),
        };
    }
}
