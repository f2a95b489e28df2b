using System.Text.Json.Nodes;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// run.json: the live state of the run that owns a folder (README "Output files"). Written when the run starts, at each checkpoint
/// and when it ends; "running" with a folder nobody holds (<see cref="RunFolder"/>) means the process was killed (SIGKILL, a node failure).
/// </summary>
/// <param name="RunId">The run's identity, kept across resumes; its checkpoint carries the same, so no other run's checkpoint is continued.</param>
/// <param name="Status">running, completed, interrupted, diverged or failed.</param>
/// <param name="Message">When it started or resumed (and from which t), or why it failed.</param>
/// <param name="T">The time of the last checkpoint or the end; null before the first.</param>
internal sealed record RunState(
    string Schema, string RunId, string Status, string Message, int Pid, string Host, string Started, string Updated, double? T, double Horizon,
    JsonObject Parameters, SummaryEnvironment Environment)
{
    public const string SchemaName = "fastpr.run/1";
    public const string Running = "running";
    public const string Failed = "failed";
}
