namespace FastPR.Core;

/// <summary>An engine kind and why it was chosen.</summary>
/// <param name="Kind">The engine to build (never <see cref="EngineKind.Auto"/>).</param>
/// <param name="Reason">One sentence for the user and summary.json.</param>
public readonly record struct EngineChoice(EngineKind Kind, string Reason);

/// <summary>Builds engines by kind, resolving "auto" to the fastest engine that answers the request.</summary>
public static class SgdEngines
{
    /// <summary>
    /// The engine for a request. An explicit kind is kept. Auto with <paramref name="identicalMinibatches"/> needs the
    /// explicit B×d minibatches (pathwise comparable with the reference): the explicit engine. Otherwise auto may take the
    /// projected engine, exact in law but not pathwise (docs/MODEL.md §6): it does whenever it draws fewer normals, d + 2B
    /// against B·d (B ≥ 2); at B = 1 both draw about d and sweep d twice, and the explicit engine, which is also pathwise exact,
    /// is chosen. So the same seed with another B can take another engine; the same request takes the same engine on every
    /// machine (the explicit engine calls no MKL, so whether MKL is installed does not matter).
    /// </summary>
    public static EngineChoice Choose(EngineKind kind, Problem problem, int batchSize, bool identicalMinibatches = false)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (kind != EngineKind.Auto) return new EngineChoice(kind, "requested");
        if (identicalMinibatches) return new EngineChoice(EngineKind.Mkl, "identical minibatches requested: explicit B×d minibatches");
        long explicitDraws = (long)batchSize * problem.Dimension, projectedDraws = problem.Dimension + 2L * batchSize;
        if (projectedDraws < explicitDraws)
            return new EngineChoice(EngineKind.Projected,
                $"exact in law with d + 2B = {projectedDraws} normals per step instead of B·d = {explicitDraws} (not pathwise; ask for identical minibatches to compare with the reference)");
        return new EngineChoice(EngineKind.Mkl, $"B = {batchSize}: both engines draw about d = {problem.Dimension} normals and sweep d twice; the explicit engine is also pathwise exact");
    }

    /// <summary>Auto → the explicit engine (Mkl); other kinds unchanged. (Simulations use <see cref="Choose"/>, which also weighs B.)</summary>
    public static EngineKind Resolve(EngineKind kind) => kind == EngineKind.Auto ? EngineKind.Mkl : kind;

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
