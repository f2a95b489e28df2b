namespace FastPR.Core;

/// <summary>Minibatch size and step size of an SGD run.</summary>
/// <param name="BatchSize">B ≥ 1.</param>
/// <param name="LearningRate">η &gt; 0 and finite.</param>
public readonly record struct SgdSettings(int BatchSize, double LearningRate)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the invalid parameter.</summary>
    public void Validate()
    {
        Guard.AtLeast(BatchSize, 1, nameof(BatchSize));
        Guard.FinitePositive(LearningRate, nameof(LearningRate));
    }
}
