using System.Globalization;
using FastPR.Core;

namespace FastPR.Cli.Sweep;

/// <summary>One varied option and its values, as typed.</summary>
internal sealed record SweepAxis(string Key, IReadOnlyList<string> Values);

/// <summary>One grid point: its index in grid order, its folder name and the option values it sets.</summary>
internal sealed record SweepPoint(int Index, string Name, IReadOnlyList<(string Key, string Value)> Assignments);

/// <summary>
/// A sweep grid such as "a=1.5,2,4 d=500,2000 seed=0..7": whitespace-separated terms key=values, values comma-separated, integer
/// ranges lo..hi inclusive. Keys are simulate options without dashes. Points are the Cartesian product in the order written, the
/// first key varying slowest; a point's folder is "a=1.5_d=500_seed=0". Malformed grids throw <see cref="UsageException"/> for --grid.
/// </summary>
internal sealed class SweepGrid
{
    /// <summary>Most points a grid may have.</summary>
    public const int MaxPoints = 1_000_000;

    private SweepGrid(IReadOnlyList<SweepAxis> axes) => Axes = axes;

    /// <summary>The axes in the order written.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>Number of points.</summary>
    public int Count => Axes.Aggregate(1, (n, axis) => n * axis.Values.Count);

    /// <summary>A canonical spelling: the axes as written, ranges expanded.</summary>
    public override string ToString() => string.Join(' ', Axes.Select(a => $"{a.Key}={string.Join(',', a.Values)}"));

    /// <summary>Parses <paramref name="text"/>; <paramref name="keys"/> are the option names a grid may vary.</summary>
    public static SweepGrid Parse(string? text, IEnumerable<string> keys)
    {
        var allowed = new HashSet<string>(keys, StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) throw Malformed("the grid is empty; write e.g. \"a=1.5,2,4 d=500,2000 seed=0..7\".");
        var axes = new List<SweepAxis>();
        long count = 1;
        foreach (string term in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == term.Length - 1) throw Malformed($"'{term}' is not key=values (e.g. a=1.5,2,4 or seed=0..7).");
            string key = term[..equals].TrimStart('-');
            if (!allowed.Contains(key)) throw Malformed($"unknown key '{key}' in '{term}' (allowed: {string.Join(", ", allowed)}).");
            if (axes.Any(a => a.Key == key)) throw Malformed($"key '{key}' appears twice.");
            var values = new List<string>();
            foreach (string item in term[(equals + 1)..].Split(','))
            {
                if (item.Length == 0) throw Malformed($"empty value in '{term}'.");
                int dots = item.IndexOf("..", StringComparison.Ordinal);
                if (dots >= 0) values.AddRange(Range(item, dots, term));
                else values.Add(Literal(item, term));
            }
            // The same value twice, however spelled (a=2,2.0; eta=1e-3,0.001), would run one point twice.
            var duplicate = values.GroupBy(v => Canonical(key, v), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw Malformed($"values {string.Join(" and ", duplicate.Select(v => $"'{v}'"))} of '{key}' are the same value.");
            count *= values.Count;
            if (count > MaxPoints) throw Malformed($"the grid has more than {MaxPoints:N0} points.");
            axes.Add(new SweepAxis(key, values));
        }
        return new SweepGrid(axes);
    }

    /// <summary>All points, first axis slowest.</summary>
    public IReadOnlyList<SweepPoint> Points()
    {
        var points = new List<SweepPoint>(Count);
        var digits = new int[Axes.Count];
        for (int index = 0; index < Count; index++)
        {
            int rest = index;
            for (int k = Axes.Count - 1; k >= 0; k--)
            {
                digits[k] = rest % Axes[k].Values.Count;
                rest /= Axes[k].Values.Count;
            }
            var assignments = Axes.Select((axis, k) => (axis.Key, axis.Values[digits[k]])).ToArray();
            points.Add(new SweepPoint(index, string.Join('_', assignments.Select(a => $"{a.Key}={a.Item2}")), assignments));
        }
        return points;
    }

    private static IEnumerable<string> Range(string item, int dots, string term)
    {
        string lo = item[..dots], hi = item[(dots + 2)..];
        if (!long.TryParse(lo, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long from) ||
            !long.TryParse(hi, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long to))
        {
            throw Malformed($"'{item}' in '{term}' is not an integer range lo..hi.");
        }
        if (to < from) throw Malformed($"range '{item}' in '{term}' is empty (lo > hi).");
        if ((decimal)to - from >= MaxPoints) throw Malformed($"range '{item}' in '{term}' has more than {MaxPoints:N0} values.");
        for (long v = from; v <= to; v++) yield return v.ToString(CultureInfo.InvariantCulture);
    }

    // The field's canonical text of a value; the value itself when it does not parse (the plan reports that, naming the point).
    private static string Canonical(string key, string value)
    {
        if (RunFields.Find(key) is not { } field) return value;
        try
        {
            return field.Format(field.With(SimulationSpec.Default, value)) ?? value;
        }
        catch (RunFieldException)
        {
            return value;
        }
    }

    private static string Literal(string item, string term)
    {
        // Values become folder names: keep them to characters that are safe in paths and shells.
        foreach (char c in item)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_'))
                throw Malformed($"value '{item}' in '{term}' contains '{c}' (allowed: letters, digits, . - + _).");
        }
        if (item.StartsWith('.')) throw Malformed($"value '{item}' in '{term}' must not start with '.' (write 0.5, not .5).");
        return item;
    }

    private static UsageException Malformed(string message) => new("grid", message);
}
