namespace FastPR.Core;

/// <summary>
/// One algorithm's part of a run: how it moves w toward a record. <see cref="RunDriver"/> does everything else
/// (snapshots, divergence, cancellation, progress), so every algorithm behaves the same way there.
/// </summary>
/// <remarks>Implemented by ref structs over the algorithms (SGD engines and plain GD through <see cref="StepperAdvancer"/>,
/// the log-time integrators and RK4), so a run allocates nothing.</remarks>
internal interface IAdvancer
{
    /// <summary>Model time t of the current state.</summary>
    double Time { get; }

    /// <summary>What snapshots record as their step: steps taken (SGD, GD, RK4; GD steps for log-time GD) or leaps (log-time flow).</summary>
    long Position { get; }

    /// <summary>Whether the state is at record <paramref name="record"/>.</summary>
    bool IsAt(int record);

    /// <summary>
    /// Moves <paramref name="w"/> toward record <paramref name="record"/> by a bounded piece of work (at most
    /// <see cref="RunDriver.DivergenceCheckInterval"/> steps, or one leap). Returns false when the state is no longer finite.
    /// A piece that lands on the record need not check: the driver's snapshot there does.
    /// </summary>
    bool Advance(Span<double> w, int record);

    /// <summary>The advancer's state between two pieces, for <see cref="RestoreState"/>.</summary>
    AdvancerState SaveState();

    /// <summary>Puts back a state <see cref="SaveState"/> returned, so the next piece is the one that followed it.</summary>
    void RestoreState(in AdvancerState state);
    /// <summary>The statistics recorded at a record: those of <paramref name="w"/> itself, except for moment dynamics (sgd-ode), whose state is more than w.</summary>
    Snapshot Snapshot(Problem problem, ReadOnlySpan<double> w);
}
