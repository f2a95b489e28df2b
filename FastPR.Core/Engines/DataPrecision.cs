namespace FastPR.Core;

/// <summary>Precision of an explicit engine's Gaussians and data x; the state w, residuals and sums stay double.</summary>
public enum DataPrecision
{
    /// <summary>G and x in double.</summary>
    Double,
    /// <summary>G and x in float (half the RNG and memory traffic), widened to double as they are read (docs/MODEL.md §5).</summary>
    Single,
}
