namespace FastPR.Core;

/// <summary>
/// An online minibatch SGD engine (docs/MODEL.md §3.1). Sampling is kept apart from the update:
/// <see cref="IStepper.Step"/> draws <see cref="GaussiansPerStep"/> normals from the engine's source, then calls
/// <see cref="Update(Span{double}, ReadOnlySpan{double})"/>; a test can call <see cref="Update(Span{double}, ReadOnlySpan{double})"/> directly to feed two engines identical minibatches.
/// </summary>
public interface ISgdEngine : IScheduledStepper
{
    /// <summary>Minibatch size B.</summary>
    int BatchSize { get; }
    /// <summary>Step size η.</summary>
    double LearningRate { get; }
    /// <summary>Number of standard normals one step consumes (B·d (+B) for explicit sampling; d + 2B (+B) for projected).</summary>
    int GaussiansPerStep { get; }
    /// <summary>Applies one step to <paramref name="w"/> using the given normals, laid out as the engine documents.</summary>
    void Update(Span<double> w, ReadOnlySpan<double> gaussians);
    /// <summary>As <see cref="Update(Span{double}, ReadOnlySpan{double})"/> with step size <paramref name="learningRate"/>, which later steps keep.</summary>
    void Update(Span<double> w, ReadOnlySpan<double> gaussians, double learningRate);
}
