namespace FastPR.Core;

/// <summary>
/// The sgd-ode prediction of an SGD or sgd-sde run (<see cref="SgdPredictions"/>), started beside the ensemble when it leaves a core
/// free, else run after it; none when <see cref="SimulationSpec.Predictions"/> is off. An interruption while it runs is reported
/// as such, never as a truncated prediction.
/// </summary>
internal sealed class SgdPredictionRun : IDisposable
{
    private readonly SimulationSpec _spec;
    private readonly Problem _problem;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenSource? _abandon;
    private readonly Task<SgdPredictions>? _beside;

    private SgdPredictionRun(SimulationSpec spec, Problem problem, CancellationToken cancellationToken, bool beside)
    {
        _spec = spec;
        _problem = problem;
        _cancellationToken = cancellationToken;
        if (!spec.Predictions || !beside) return;
        // Its own source too, so a run that fails stops its prediction; the caller's token still means an interruption.
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _abandon.Token;
        _beside = Task.Run(() => SgdPredictions.For(spec, problem, token), token);
    }

    /// <summary>Starts the prediction now on a pool thread when the ensemble's <paramref name="threads"/> leave a core free.</summary>
    public static SgdPredictionRun Start(SimulationSpec spec, Problem problem, int threads, CancellationToken cancellationToken) =>
        new(spec, problem, cancellationToken, threads < Environment.ProcessorCount);

    /// <summary>
    /// The prediction (null when switched off or interrupted) and whether the caller's token interrupted it. Runs it here unless it
    /// was started beside the ensemble.
    /// </summary>
    public (SgdPredictions? Predictions, bool Interrupted) Finish()
    {
        if (!_spec.Predictions) return (null, false);
        try
        {
            return (_beside is null ? SgdPredictions.For(_spec, _problem, _cancellationToken) : _beside.GetAwaiter().GetResult(), false);
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            return (null, true);
        }
    }

    /// <summary>Stops a prediction still running beside a run that ended without it.</summary>
    public void Dispose()
    {
        if (_abandon is null) return;
        _abandon.Cancel();
        // The task owns the source's token until it stops; waiting for that is at most one leap.
        try
        {
            _beside!.Wait();
        }
        catch (AggregateException)
        {
            // Its outcome was taken by Finish or is no longer wanted.
        }
        _abandon.Dispose();
    }
}
