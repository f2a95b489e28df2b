namespace FastPR.Core;

/// <summary>
/// The sgd-ode prediction of an SGD or sgd-sde run (<see cref="SgdPredictions"/>), started beside the ensemble when it leaves a core
/// free, else run after it; none when <see cref="SimulationSpec.Predictions"/> is off. An interruption while it runs gives
/// predictions with status <see cref="RunStatus.Interrupted"/> and no integrated values, never a truncated prediction.
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
        _beside = Task.Run(() => SgdPredictions.For(spec, problem, token));
    }

    /// <summary>Starts the prediction now on a pool thread when the ensemble's <paramref name="threads"/> leave a core free.</summary>
    public static SgdPredictionRun Start(SimulationSpec spec, Problem problem, int threads, CancellationToken cancellationToken) =>
        new(spec, problem, cancellationToken, threads < Environment.ProcessorCount);

    /// <summary>The predictions (null when switched off), run here unless they were started beside the ensemble.</summary>
    public SgdPredictions? Finish()
    {
        if (!_spec.Predictions) return null;
        return _beside is null ? SgdPredictions.For(_spec, _problem, _cancellationToken) : _beside.GetAwaiter().GetResult();
    }

    /// <summary>Stops a prediction still running beside a run that ended without it.</summary>
    public void Dispose()
    {
        if (_abandon is null) return;
        _abandon.Cancel();
        // The task owns the source's token until it stops; that is at most one leap away. A failure of a prediction nobody
        // took is no longer anyone's concern (the run has already failed or finished without it).
        try
        {
            _beside!.Wait();
        }
        catch (AggregateException)
        {
        }
        _abandon.Dispose();
    }
}
