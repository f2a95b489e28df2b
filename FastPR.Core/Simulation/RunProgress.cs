namespace FastPR.Core;

/// <summary>How far a run has come, as <see cref="RunDriver"/> reports it.</summary>
/// <param name="RecordsDone">Records recorded so far.</param>
/// <param name="Position">The advancer's position (steps or leaps, see <see cref="IAdvancer.Position"/>).</param>
/// <param name="Time">Model time t reached.</param>
internal readonly record struct RunProgress(int RecordsDone, long Position, double Time);
