using System.Runtime.InteropServices;

namespace FastPR.Cli;

/// <summary>
/// SIGINT (Ctrl-C), SIGTERM and SIGHUP (what Slurm and a closing terminal send), and SIGUSR1 and SIGUSR2 (common choices for
/// sbatch --signal): the first one cancels the token, so the running command writes its files marked "interrupted" (and its
/// checkpoint) and exits with 128 + the signal's number; a second one gets the default action and ends the process at once.
/// On Windows the runtime maps Ctrl-C to SIGINT, Ctrl-Break to SIGQUIT (registered there only: on Linux SIGQUIT keeps its
/// core-dump meaning), closing the console to SIGHUP and shutdown to SIGTERM; there are no SIGUSR1/SIGUSR2.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public ShutdownSignals()
    {
        PosixSignal[] signals = OperatingSystem.IsWindows()
            ? [PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM, PosixSignal.SIGHUP]
            : [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, UserSignal1, UserSignal2];
        _registrations = [.. signals.Select(signal => PosixSignalRegistration.Create(signal, Handle))];
    }

    // PosixSignal has no names for these; a positive value is the raw signal number, which is this OS's own.
    private static readonly PosixSignal UserSignal1 = (PosixSignal)UserSignalNumbers.Usr1;
    private static readonly PosixSignal UserSignal2 = (PosixSignal)UserSignalNumbers.Usr2;

    /// <summary>
    /// SIGUSR1's and SIGUSR2's numbers here: 10 and 12 on Linux, 30 and 31 on macOS and the BSDs (where 10 and 12 are SIGBUS and
    /// SIGSYS, which must keep their default actions).
    /// </summary>
    public static (int Usr1, int Usr2) UserSignalNumbers =>
        OperatingSystem.IsMacOS() || OperatingSystem.IsMacCatalyst() || OperatingSystem.IsFreeBSD() ? (30, 31) : (10, 12);

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>128 + the number of the first signal received (130 for Ctrl-C, 131 for Ctrl-Break, 143 for SIGTERM, 129 for SIGHUP, 138 for SIGUSR1 on Linux).</summary>
    public int ExitCode => Volatile.Read(ref _received) switch
    {
        0 => ExitCodes.Interrupted,
        int signal => 128 + signal,
    };

    /// <summary>The Linux number of a signal (PosixSignal values are platform-neutral negatives).</summary>
    public static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal,
    };

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _received, Number(context.Signal), 0) != 0) return; // not cancelled: default action, the process ends
        context.Cancel = true;
        _cancellation.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancellation.Dispose();
    }
}
