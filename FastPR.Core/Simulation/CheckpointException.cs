namespace FastPR.Core;

/// <summary>A checkpoint that cannot be resumed: not a checkpoint, corrupted, from another version, or of another run.</summary>
public sealed class CheckpointException(string message) : Exception(message);
