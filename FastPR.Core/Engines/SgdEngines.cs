using FastPR.Core.Model;
using FastPR.Core.Randomness;
using FastPR.Native;

namespace FastPR.Core.Engines;

/// <summary>Builds engines by kind, resolving "auto" by MKL availability.</summary>
public static class SgdEngines
{
    /// <summary>Auto → Mkl when MKL loads, else Projected; other kinds unchanged.</summary>
    public static EngineKind Resolve(EngineKind kind) =>
        kind == EngineKind.Auto ? (MklLibrary.IsAvailable ? EngineKind.Mkl : EngineKind.Projected) : kind;

    /// <summary>Creates an engine of the resolved kind; the engine owns <paramref name="source"/>.</summary>
    public static ISgdEngine Create(EngineKind kind, Problem problem, SgdSettings settings, IGaussianSource source) =>
        Resolve(kind) switch
        {
            EngineKind.Reference => new ReferenceSgdEngine(problem, settings, source),
            EngineKind.Mkl => new MklSgdEngine(problem, settings, source),
            EngineKind.Projected => new ProjectedSgdEngine(problem, settings, source),
            var other => throw new ArgumentOutOfRangeException(nameof(kind), other, "Unknown engine."),
        };
}
