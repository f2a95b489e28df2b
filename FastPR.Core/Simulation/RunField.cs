using System.Globalization;

namespace FastPR.Core;

/// <summary>How a <see cref="RunField"/>'s value is written as text.</summary>
public enum RunFieldType
{
    /// <summary>An integer; the text may use exponent notation when the value is integral ("1e5").</summary>
    Integer,
    /// <summary>A double, written round-trip ("R", invariant culture).</summary>
    Real,
    /// <summary>true or false.</summary>
    Flag,
    /// <summary>One of <see cref="RunField.Choices"/>.</summary>
    Choice,
    /// <summary>An unsigned 64-bit seed.</summary>
    Seed,
    /// <summary>A vector of d doubles (eigenvalues, teacher, w(0)); it has no text form and is set with <see cref="RunField.WithVector"/>.</summary>
    Vector,
}

/// <summary>
/// One field of a run's definition (<see cref="RunFields"/>): its name, which is at once the command-line option (without dashes),
/// the sweep grid key, the checkpoint's and summary's key and the C ABI's, and with '-' as '_' the Python keyword and the merged
/// CSV's column; its canonical text; and how it is set on a <see cref="SimulationSpec"/>.
/// </summary>
public sealed class RunField
{
    private readonly Func<SimulationSpec, string?>? _format;
    private readonly Func<SimulationSpec, string, SimulationSpec>? _parse;
    private readonly Func<SimulationSpec, double[]?>? _vector;
    private readonly Func<SimulationSpec, double[]?, SimulationSpec>? _withVector;

    internal RunField(string name, RunFieldType type, string description, string allowed, IReadOnlyList<string> properties,
        Func<SimulationSpec, string?>? format, Func<SimulationSpec, string, SimulationSpec>? parse,
        IReadOnlyList<string>? choices = null, bool optional = false, bool changesResults = true,
        Func<SimulationSpec, double[]?>? vector = null, Func<SimulationSpec, double[]?, SimulationSpec>? withVector = null)
    {
        Name = name;
        Type = type;
        Description = description;
        Allowed = allowed;
        Properties = properties;
        Choices = choices ?? [];
        Optional = optional;
        ChangesResults = changesResults;
        _format = format;
        _parse = parse;
        _vector = vector;
        _withVector = withVector;
    }

    /// <summary>The name: command-line option without dashes, grid key, checkpoint, summary and C ABI key ("sde-stride").</summary>
    public string Name { get; }

    /// <summary>The Python keyword and the merged CSV's column: <see cref="Name"/> with '_' for '-' ("sde_stride").</summary>
    public string Keyword => Name.Replace('-', '_');

    /// <summary>How the value is written.</summary>
    public RunFieldType Type { get; }

    /// <summary>One sentence for help texts.</summary>
    public string Description { get; }

    /// <summary>What values are allowed, for help texts ("integer ≥ 1").</summary>
    public string Allowed { get; }

    /// <summary>The <see cref="SimulationSpec"/> and <see cref="ProblemSpec"/> properties (as named in ArgumentException.ParamName) this field sets.</summary>
    public IReadOnlyList<string> Properties { get; }

    /// <summary>Whether the field belongs to the problem (<see cref="SimulationSpec.Problem"/>) rather than to how it is run.</summary>
    public bool OfProblem { get; internal init; }

    /// <summary>The allowed values of a <see cref="RunFieldType.Choice"/>.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>Whether the field may be unset (null text): steps, time and threads.</summary>
    public bool Optional { get; }

    /// <summary>False for fields that cannot change results (threads): a resume may change them.</summary>
    public bool ChangesResults { get; }

    /// <summary>The canonical text of the field's value in <paramref name="spec"/>; null when unset (and for vectors).</summary>
    public string? Format(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _format?.Invoke(spec);
    }

    /// <summary>The default value's text (<see cref="SimulationSpec.Default"/>).</summary>
    public string? DefaultText => Format(SimulationSpec.Default);

    /// <summary>
    /// <paramref name="spec"/> with this field set from <paramref name="text"/> (case-insensitive choices, integers in exponent
    /// notation); a <see cref="RunFieldException"/> naming the field when the text is not a value of its type. Ranges are checked by
    /// <see cref="SimulationSpec.Validate"/>.
    /// </summary>
    public SimulationSpec With(SimulationSpec spec, string text)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(text);
        if (_parse is null) throw new RunFieldException(Name, "it is a vector; give it as values, not text.");
        return _parse(spec, text.Trim());
    }

    /// <summary>The vector of a <see cref="RunFieldType.Vector"/> field (null when drawn or the power law).</summary>
    public double[]? Vector(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _vector?.Invoke(spec);
    }

    /// <summary><paramref name="spec"/> with the vector of this <see cref="RunFieldType.Vector"/> field set (null: drawn or the power law).</summary>
    public SimulationSpec WithVector(SimulationSpec spec, double[]? values)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_withVector is null) throw new RunFieldException(Name, "it is not a vector.");
        return _withVector(spec, values);
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> hold the same value of this field (vectors bit for bit).</summary>
    public bool SameIn(SimulationSpec a, SimulationSpec b)
    {
        if (Type != RunFieldType.Vector) return Format(a) == Format(b);
        var x = Vector(a);
        var y = Vector(b);
        return (x is null && y is null) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal static long ParseInteger(string name, string text, string allowed) =>
        FieldText.TryParseInteger(text, out long value) ? value : throw new RunFieldException(name, $"'{text}' is not an integer (allowed: {allowed}).");

    internal static int ParseInt(string name, string text, string allowed)
    {
        long value = ParseInteger(name, text, allowed);
        if (value is < int.MinValue or > int.MaxValue) throw new RunFieldException(name, $"{text} is out of range (allowed: {allowed}).");
        return (int)value;
    }

    internal static double ParseReal(string name, string text, string allowed) =>
        FieldText.TryParseReal(text, out double value) ? value : throw new RunFieldException(name, $"'{text}' is not a number (allowed: {allowed}).");

    internal static ulong ParseSeed(string name, string text) =>
        FieldText.TryParseSeed(text, out ulong value) ? value : throw new RunFieldException(name, $"'{text}' is not a valid seed (allowed: integer ≥ 0).");

    internal static bool ParseFlag(string name, string text) =>
        text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new RunFieldException(name, $"'{text}' is not true or false."),
        };

    internal static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Text(bool value) => value ? "true" : "false";
}
