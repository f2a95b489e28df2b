using System.CommandLine;
using System.CommandLine.Parsing;
using FastPR.Core;

namespace FastPR.Cli;

/// <summary>
/// Builds options whose parse failures read "--name: 'token' is not … (allowed: …)". Integers accept exponent notation when the
/// value is integral (--steps 1e6). Range checks beyond the type belong to Core's Validate, which names the option too.
/// </summary>
internal static class OptionFactory
{
    public static Option<int> Int(string name, int defaultValue, string allowed, string description) =>
        new(name)
        {
            DefaultValueFactory = _ => defaultValue,
            Description = $"{description} [{allowed}]",
            HelpName = "int",
            CustomParser = r => (int)ParseInteger(r, name, allowed, int.MinValue, int.MaxValue),
        };

    public static Option<int?> OptionalInt(string name, string allowed, string description) =>
        new(name)
        {
            Description = $"{description} [{allowed}]",
            HelpName = "int",
            CustomParser = r => (int)ParseInteger(r, name, allowed, int.MinValue, int.MaxValue),
        };

    public static Option<long?> OptionalLong(string name, string allowed, string description) =>
        new(name)
        {
            Description = $"{description} [{allowed}]",
            HelpName = "int",
            CustomParser = r => ParseInteger(r, name, allowed, long.MinValue, long.MaxValue),
        };

    public static Option<ulong> Seed(string name, string description) =>
        new(name)
        {
            DefaultValueFactory = _ => 0UL,
            Description = $"{description} [integer ≥ 0]",
            HelpName = "int",
            CustomParser = r =>
            {
                string token = Token(r);
                if (FieldText.TryParseSeed(token, out ulong value)) return value;
                r.AddError($"{name}: '{token}' is not a valid seed (allowed: integer ≥ 0).");
                return 0;
            },
        };

    public static Option<double> Double(string name, double defaultValue, string allowed, string description) =>
        new(name)
        {
            DefaultValueFactory = _ => defaultValue,
            Description = $"{description} [{allowed}]",
            HelpName = "number",
            CustomParser = r => ParseDouble(r, name, allowed),
        };

    public static Option<double?> OptionalDouble(string name, string allowed, string description) =>
        new(name)
        {
            Description = $"{description} [{allowed}]",
            HelpName = "number",
            CustomParser = r => ParseDouble(r, name, allowed),
        };

    /// <summary>
    /// An option whose value is one of the keys of <paramref name="names"/> (case-insensitive); its value is the canonical key,
    /// so help shows "[default: sgd]". Map it with <see cref="Resolve{T}"/>.
    /// </summary>
    public static Option<string> Choice<T>(string name, string defaultKey, IReadOnlyDictionary<string, T> names, string description)
    {
        string allowed = string.Join(", ", names.Keys);
        return new Option<string>(name)
        {
            DefaultValueFactory = _ => defaultKey,
            Description = description,
            HelpName = string.Join('|', names.Keys),
            CustomParser = r =>
            {
                string token = Token(r);
                foreach (string key in names.Keys)
                {
                    if (string.Equals(key, token, StringComparison.OrdinalIgnoreCase)) return key;
                }
                r.AddError($"{name}: unknown value '{token}' (allowed: {allowed}).");
                return defaultKey;
            },
        };
    }

    /// <summary>A <see cref="Choice{T}"/> that also takes a file path (any token that is not a key); the binder reads the file.</summary>
    public static Option<string> ChoiceOrFile<T>(string name, string defaultKey, IReadOnlyDictionary<string, T> names, string description) =>
        new(name)
        {
            DefaultValueFactory = _ => defaultKey,
            Description = description,
            HelpName = string.Join('|', names.Keys) + "|FILE",
            CustomParser = r =>
            {
                string token = Token(r);
                foreach (string key in names.Keys)
                {
                    if (string.Equals(key, token, StringComparison.OrdinalIgnoreCase)) return key;
                }
                return token;
            },
        };

    /// <summary>The value a <see cref="Choice{T}"/> key stands for.</summary>
    public static T Resolve<T>(IReadOnlyDictionary<string, T> names, string key) => names[key];

    /// <summary>Parses an integer token as every run field does (<see cref="FieldText.TryParseInteger"/>); null with an error message otherwise.</summary>
    public static long? TryParseInteger(string token, out string? error, string name, string allowed)
    {
        error = FieldText.TryParseInteger(token, out long value) ? null : $"{name}: '{token}' is not an integer (allowed: {allowed}).";
        return error is null ? value : null;
    }

    /// <summary>Parses a number token as every run field does (<see cref="FieldText.TryParseReal"/>); range checks come later.</summary>
    public static double? TryParseDouble(string token, out string? error, string name, string allowed)
    {
        error = FieldText.TryParseReal(token, out double value) ? null : $"{name}: '{token}' is not a number (allowed: {allowed}).";
        return error is null ? value : null;
    }

    private static long ParseInteger(ArgumentResult r, string name, string allowed, long min, long max)
    {
        string token = Token(r);
        long? value = TryParseInteger(token, out string? error, name, allowed);
        if (value is null)
        {
            r.AddError(error!);
            return 0;
        }
        if (value < min || value > max)
        {
            r.AddError($"{name}: {token} is out of range (allowed: {allowed}).");
            return 0;
        }
        return value.Value;
    }

    private static double ParseDouble(ArgumentResult r, string name, string allowed)
    {
        string token = Token(r);
        double? value = TryParseDouble(token, out string? error, name, allowed);
        if (value is null) r.AddError(error!);
        return value ?? 0;
    }

    private static string Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
}
