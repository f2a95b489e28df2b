namespace FastPR.Core;

/// <summary>
/// Something whose exact position can be saved and put back, so a run can stop and continue bit for bit: Gaussian sources
/// (a VSL stream's image, a counter-based stream's key and counter) and the SGD engines that own them. A source that does not
/// implement this makes a run impossible to checkpoint, not wrong.
/// </summary>
public interface IResumable
{
    /// <summary>Whether <see cref="SaveState"/> works (an engine can only save what its source can).</summary>
    bool CanSaveState { get; }

    /// <summary>The state as bytes, tagged with its kind. Allocates; meant for checkpoints, not for hot loops.</summary>
    /// <exception cref="NotSupportedException"><see cref="CanSaveState"/> is false.</exception>
    byte[] SaveState();

    /// <summary>
    /// Puts this object into a state <see cref="SaveState"/> returned, from an object built with the same arguments
    /// (same key, generator, engine); what follows is identical to what followed the save.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are not a state of this kind, or belong to another key or engine.</exception>
    void RestoreState(ReadOnlySpan<byte> state);
}
