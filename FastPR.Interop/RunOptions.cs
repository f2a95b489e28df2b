using FastPR.Core;

namespace FastPR.Interop;

/// <summary>
/// The options of fastpr_simulate_options: "key=value" lines whose keys are the keywords of Core's run fields (<see cref="RunFields"/>:
/// the CLI's simulate options with '_' for '-', "source" for "gaussians"; the Python keywords), applied to a problem's spec or, with
/// resume, to the spec the checkpoint saved; only the keys given change anything. Values are the fields' canonical text ("sgd-ode",
/// "high-dimensional", invariant-culture numbers, true/false). Plus checkpoint, checkpoint_every and resume, which are not run fields.
/// </summary>
internal sealed class RunOptions
{
    // The run fields a problem does not fix already (d, a, the spectrum, teacher and w(0) come with the problem; σ may be set), by
    // keyword: every other field of RunFields, so a new one is an option here, and a Python keyword (RunFieldsTests checks).
    internal static readonly string[] FieldKeys = RunFields.All.Where(f => !f.OfProblem || f.Name == "sigma").Select(KeyOf).ToArray();

    /// <summary>The keyword of <paramref name="field"/> here and in Python: its own, except "source" for gaussians.</summary>
    internal static string KeyOf(RunField field) => field.Name == "gaussians" ? "source" : field.Keyword;

    private static readonly string[] Keys = [.. FieldKeys, "checkpoint", "checkpoint_every", "resume"];

    private readonly Dictionary<string, string> _values;

    private RunOptions(Dictionary<string, string> values) => _values = values;

    /// <summary>Where checkpoints go (null: none), every how many seconds (null: only when cancelled), and the file resumed (null: fresh).</summary>
    public string? CheckpointPath => _values.GetValueOrDefault("checkpoint");

    public double? CheckpointEvery => _values.TryGetValue("checkpoint_every", out string? text)
        ? FieldText.TryParseReal(text, out double seconds) ? seconds
            : throw new ArgumentException($"checkpoint_every must be a real number (got '{text}').", "checkpoint_every")
        : null;

    public string? ResumePath => _values.GetValueOrDefault("resume");

    /// <summary>Parses the lines; an unknown or repeated key, or a line without '=', is an argument error naming it.</summary>
    public static RunOptions Parse(string text)
    {
        var values = new Dictionary<string, string>();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            int equals = line.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"option line '{line}' is not key=value.", "options");
            string key = line[..equals];
            if (Array.IndexOf(Keys, key) < 0)
                throw new ArgumentException($"unknown option '{key}'; the options are {string.Join(", ", Keys)}.", "options");
            if (!values.TryAdd(key, line[(equals + 1)..])) throw new ArgumentException($"option '{key}' is given twice.", key);
        }
        return new RunOptions(values);
    }

    /// <summary>
    /// The spec: <paramref name="baseline"/> (the problem's fresh spec, or the checkpoint's) with every given field set through its
    /// <see cref="RunField"/>. Not validated; a value that is not of its field's type is an error in the caller's words.
    /// </summary>
    public SimulationSpec Apply(SimulationSpec baseline)
    {
        var spec = baseline;
        foreach (string key in FieldKeys)
        {
            if (!_values.TryGetValue(key, out string? text)) continue;
            var field = RunFields.All.First(f => KeyOf(f) == key);
            try
            {
                spec = field.With(spec, text);
            }
            catch (ArgumentException ex)
            {
                throw InCallerWords(ex);
            }
        }
        return spec;
    }

    /// <summary>
    /// An argument error from a run field or from validating the spec, with the keyword the caller used in place of the property or
    /// CLI option it names ("sde_stride must be ≥ 1", not "sde-stride"), and that keyword as its parameter name.
    /// </summary>
    public static ArgumentException InCallerWords(ArgumentException error)
    {
        string message = ExceptionText.WithoutParameterSuffix(error);
        if (error.ParamName is not { } name || RunFields.ForProperty(name) is not { } field) return new ArgumentException(message, error.ParamName, error);
        string key = KeyOf(field);
        if (field.Name != key) message = message.Replace(field.Name, key, StringComparison.Ordinal);
        // A field's own parse error ("unknown value 'x' (allowed: …)") does not name it; the caller must see which keyword.
        if (!message.Contains(key, StringComparison.Ordinal)) message = $"{key}: {message}";
        return new ArgumentException(message, key, error);
    }
}
