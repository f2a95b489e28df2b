using FastPR.Core;

namespace FastPR.Interop;

/// <summary>
/// A caller's view into a running simulation: a cancellation flag it may set from any thread (Python's Ctrl-C handler does,
/// while the run holds another thread), and the latest progress, which the caller polls instead of being called back.
/// </summary>
internal sealed class RunMonitor : IProgress<SimulationProgress>, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Lock _gate = new();
    private SimulationProgress _latest;
    private long _reports;

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Asks the run to stop at its next check (a bounded piece of work away); idempotent.</summary>
    public void Cancel() => _cancellation.Cancel();

    /// <summary>Whether <see cref="Cancel"/> was called.</summary>
    public bool IsCancelled => _cancellation.IsCancellationRequested;

    public void Report(SimulationProgress value)
    {
        lock (_gate)
        {
            _latest = value;
            _reports++;
        }
    }

    /// <summary>The latest report and how many there have been (0: none yet).</summary>
    public (SimulationProgress Latest, long Reports) Read()
    {
        lock (_gate) return (_latest, _reports);
    }

    public void Dispose() => _cancellation.Dispose();
}
