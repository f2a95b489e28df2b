namespace FastPR.Bench;

/// <summary>
/// One SGD workload: dimension d and minibatch size B. The string form is what BenchmarkDotNet prints in the Size column;
/// the ordering (by d, then B) is the order of the rows.
/// </summary>
public readonly record struct StepSize(int D, int B) : IComparable<StepSize>, IComparable
{
    /// <summary>One sample in d = 1000 (the paper's B = 1), a wide batch, and a large d with a small batch: the regimes a user runs.</summary>
    public static IEnumerable<StepSize> All => [new(1000, 1), new(4096, 64), new(16384, 8)];

    /// <inheritdoc />
    public int CompareTo(StepSize other) => D != other.D ? D.CompareTo(other.D) : B.CompareTo(other.B);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is StepSize other ? CompareTo(other) : throw new ArgumentException("Not a StepSize.", nameof(obj));

    /// <inheritdoc />
    public override string ToString() => $"d={D},B={B}";
}
