namespace FastPR.Core;

/// <summary>Where one ensemble member stood when a checkpoint was taken.</summary>
internal enum SavedMemberStatus
{
    /// <summary>Not started yet: it starts from the problem's initial point.</summary>
    NotStarted,
    /// <summary>Between two pieces: it continues from the saved position, state and stream.</summary>
    Running,
    /// <summary>Completed or diverged: its result is final and it does not run again.</summary>
    Finished,
}

/// <summary>One member of a saved run.</summary>
/// <param name="Status">Not started, running or finished.</param>
/// <param name="Position">Where a running member stood (default otherwise).</param>
/// <param name="W">A running member's state (empty otherwise).</param>
/// <param name="StepperState">A running member's engine state from <see cref="IResumable.SaveState"/> (empty for deterministic algorithms).</param>
/// <param name="Snapshots">The snapshots recorded so far (all of them for a finished member).</param>
/// <param name="Result">A finished member's result (default otherwise).</param>
internal sealed record SavedMember(SavedMemberStatus Status, RunPosition Position, double[] W, byte[] StepperState, Snapshot[] Snapshots, RunResult Result)
{
    /// <summary>A member that has not started.</summary>
    public static SavedMember NotStarted { get; } = new(SavedMemberStatus.NotStarted, default, [], [], [], default);

    /// <summary>A member between two pieces.</summary>
    public static SavedMember Running(RunPosition position, double[] w, byte[] stepperState, Snapshot[] snapshots) =>
        new(SavedMemberStatus.Running, position, w, stepperState, snapshots, default);

    /// <summary>A member that completed or diverged.</summary>
    public static SavedMember Finished(RunResult result, Snapshot[] snapshots) =>
        new(SavedMemberStatus.Finished, default, [], [], snapshots, result);
}

/// <summary>The state the Phase III analysis of a deterministic run holds (the first state inside its region).</summary>
/// <param name="Time">Time of the held state.</param>
/// <param name="State">The held w.</param>
internal sealed record SavedCapture(double Time, double[] State);
