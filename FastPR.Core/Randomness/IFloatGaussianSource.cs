namespace FastPR.Core;

/// <summary>A Gaussian source that can also fill single-precision normals (for float-data engines, docs/MODEL.md §5).</summary>
public interface IFloatGaussianSource : IGaussianSource
{
    /// <summary>Fills <paramref name="destination"/> with standard normals in float. Allocates nothing.</summary>
    void Fill(Span<float> destination);
}
