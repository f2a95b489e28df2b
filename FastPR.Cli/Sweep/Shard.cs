using System.Globalization;

namespace FastPR.Cli.Sweep;

/// <summary>
/// Shard i of n: the points whose grid index k satisfies k mod n = i. Shards 0…n−1 partition every grid, deterministically.
/// </summary>
internal readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole grid.</summary>
    public static Shard All => new(0, 1);

    /// <summary>Whether grid point <paramref name="pointIndex"/> belongs to this shard.</summary>
    public bool Contains(int pointIndex) => pointIndex % Count == Index;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses "i/n" with 0 ≤ i &lt; n; throws <see cref="UsageException"/> for --shard otherwise.</summary>
    public static Shard Parse(string text)
    {
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out int i) ||
            !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            throw new UsageException("shard", $"'{text}' is not i/n (e.g. 0/4; allowed: 0 ≤ i < n).");
        }
        if (n < 1) throw new UsageException("shard", $"n must be ≥ 1 (got '{text}').");
        if (i >= n) throw new UsageException("shard", $"i must be < n (got '{text}'; allowed: 0 ≤ i < n).");
        return new Shard(i, n);
    }

    /// <summary>
    /// The shard from --shard when given; otherwise, under a Slurm job array, from SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN
    /// when set) and SLURM_ARRAY_TASK_COUNT; otherwise the whole grid.
    /// </summary>
    public static Shard Resolve(string? option, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Parse(option.Trim());
        string? id = environment("SLURM_ARRAY_TASK_ID"), count = environment("SLURM_ARRAY_TASK_COUNT");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(count)) return All;
        string? min = environment("SLURM_ARRAY_TASK_MIN");
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int task) ||
            !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ||
            (!string.IsNullOrEmpty(min) && !int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new UsageException("shard", $"cannot read the Slurm array (SLURM_ARRAY_TASK_ID='{id}', SLURM_ARRAY_TASK_COUNT='{count}'); pass --shard i/n.");
        }
        int offset = string.IsNullOrEmpty(min) ? 0 : int.Parse(min, CultureInfo.InvariantCulture);
        return Parse(string.Create(CultureInfo.InvariantCulture, $"{task - offset}/{n}"));
    }
}
