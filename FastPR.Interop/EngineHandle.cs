using FastPR.Core;

namespace FastPR.Interop;

/// <summary>
/// One SGD engine behind a handle. Engines are not thread-safe (one engine per thread); a second thread entering while one is
/// stepping gets <see cref="Status.Busy"/> instead of silently corrupting the state.
/// </summary>
internal sealed class EngineHandle(ISgdEngine engine, string source, string reason) : IDisposable
{
    private int _busy;

    public ISgdEngine Engine { get; } = engine;

    /// <summary>The Gaussian source's name.</summary>
    public string Source { get; } = source;

    /// <summary>Why this engine kind was chosen ("requested", or what "auto" decided).</summary>
    public string Reason { get; } = reason;

    /// <summary>Advances <paramref name="w"/> in place by <paramref name="steps"/> steps.</summary>
    public void Step(Span<double> w, long steps)
    {
        Enter();
        try
        {
            for (long i = 0; i < steps; i++) Engine.Step(w);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose()
    {
        Enter(); // never free an engine another thread is stepping
        Engine.Dispose();
    }

    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InteropException(Status.Busy, "this engine is in use by another thread; use one engine per thread.");
    }
}
