namespace FastPR.Core;

/// <summary>
/// Where a run stands between two pieces of <see cref="RunDriver"/>. With w, the sink's snapshots and the state of the
/// algorithm's own objects (an engine's stream) it continues the run bit for bit.
/// </summary>
/// <param name="RecordsDone">Snapshots recorded so far; the run is heading for record number RecordsDone.</param>
/// <param name="Advancer">The advancer's state (<see cref="IAdvancer.SaveState"/>).</param>
/// <param name="LastFinite">The last recorded snapshot (default before the first).</param>
internal readonly record struct RunPosition(int RecordsDone, AdvancerState Advancer, Snapshot LastFinite);
