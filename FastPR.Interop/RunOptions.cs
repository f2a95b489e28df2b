using System.Globalization;
using FastPR.Core;

namespace FastPR.Interop;

/// <summary>
/// The options of fastpr_simulate_options: "key=value" lines whose keys are the CLI's simulate options with '_' for '-' (the
/// Python keywords), applied to a problem's spec or, with resume, to the spec the checkpoint saved; only the keys given
/// change anything. Enumerations take the CLI's names ("sgd-ode", "high-dimensional"); numbers are invariant-culture text.
/// </summary>
internal sealed class RunOptions
{
    private static readonly string[] Keys =
    [
        "algorithm", "engine", "source", "identical_minibatches", "batch", "eta", "sigma", "steps", "time", "records", "seeds", "threads",
        "seed", "epsilon", "tolerance", "closure", "sde_stride", "checkpoint", "checkpoint_every", "resume",
    ];

    // SimulationSpec's property names (ArgumentException.ParamName) and the keys that set them, for messages in the caller's words.
    private static readonly Dictionary<string, string> KeyOfProperty = new()
    {
        ["Algorithm"] = "algorithm",
        ["Engine"] = "engine",
        ["Gaussians"] = "source",
        ["BatchSize"] = "batch",
        ["LearningRate"] = "eta",
        ["Sigma"] = "sigma",
        ["Steps"] = "steps",
        ["Time"] = "time",
        ["Records"] = "records",
        ["Seeds"] = "seeds",
        ["Threads"] = "threads",
        ["Epsilon"] = "epsilon",
        ["Tolerance"] = "tolerance",
        ["Closure"] = "closure",
        ["SdeStride"] = "sde_stride",
        ["checkpoint-every"] = "checkpoint_every",
    };

    private readonly Dictionary<string, string> _values;

    private RunOptions(Dictionary<string, string> values) => _values = values;

    /// <summary>Where checkpoints go (null: none), every how many seconds (null: only when cancelled), and the file resumed (null: fresh).</summary>
    public string? CheckpointPath => Text("checkpoint");

    public double? CheckpointEvery => _values.ContainsKey("checkpoint_every") ? Real("checkpoint_every") : null;

    public string? ResumePath => Text("resume");

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
    /// The spec: <paramref name="baseline"/> (the problem's fresh spec, or the checkpoint's) with every given key applied. Not validated.
    /// </summary>
    public SimulationSpec Apply(SimulationSpec baseline) => baseline with
    {
        Problem = _values.ContainsKey("sigma") ? baseline.Problem with { Sigma = Real("sigma") } : baseline.Problem,
        Algorithm = Choice("algorithm", baseline.Algorithm),
        Engine = Choice("engine", baseline.Engine),
        Gaussians = Choice("source", baseline.Gaussians),
        IdenticalMinibatches = _values.ContainsKey("identical_minibatches") ? Flag("identical_minibatches") : baseline.IdenticalMinibatches,
        BatchSize = _values.ContainsKey("batch") ? Int("batch") : baseline.BatchSize,
        LearningRate = _values.ContainsKey("eta") ? Real("eta") : baseline.LearningRate,
        Steps = _values.ContainsKey("steps") ? Long("steps") : baseline.Steps,
        Time = _values.ContainsKey("time") ? Real("time") : baseline.Time,
        Records = _values.ContainsKey("records") ? Int("records") : baseline.Records,
        Seeds = _values.ContainsKey("seeds") ? Int("seeds") : baseline.Seeds,
        Threads = _values.ContainsKey("threads") ? Int("threads") : baseline.Threads,
        Seed = _values.ContainsKey("seed") ? ULong("seed") : baseline.Seed,
        Epsilon = _values.ContainsKey("epsilon") ? Real("epsilon") : baseline.Epsilon,
        Tolerance = _values.ContainsKey("tolerance") ? Real("tolerance") : baseline.Tolerance,
        Closure = Choice("closure", baseline.Closure),
        SdeStride = _values.ContainsKey("sde_stride") ? Int("sde_stride") : baseline.SdeStride,
    };

    /// <summary>
    /// An argument error from validating the spec, with the key the caller used in place of the property or CLI option it names
    /// ("sde_stride must be ≥ 1", not "sde-stride"), and the key as its parameter name.
    /// </summary>
    public static ArgumentException InCallerWords(ArgumentException error)
    {
        string message = ExceptionText.WithoutParameterSuffix(error);
        if (error.ParamName is not { } name || !KeyOfProperty.TryGetValue(name, out string? key)) return new ArgumentException(message, error.ParamName, error);
        string cli = key.Replace('_', '-');
        if (cli != key) message = message.Replace(cli, key, StringComparison.Ordinal);
        if (key == "source") message = message.Replace("gaussians", "source", StringComparison.Ordinal);
        return new ArgumentException(message, key, error);
    }

    private string? Text(string key) => _values.TryGetValue(key, out string? value) ? value : null;

    private T Choice<T>(string key, T otherwise) where T : struct, Enum
    {
        if (!_values.TryGetValue(key, out string? given)) return otherwise;
        return RunNames.Parse<T>(given) ?? throw new ArgumentException($"{key} must be one of {string.Join(", ", RunNames.All<T>())} (got '{given}').", key);
    }

    private double Real(string key) =>
        double.TryParse(_values[key], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
        : throw new ArgumentException($"{key} must be a real number (got '{_values[key]}').", key);

    private long Long(string key) =>
        long.TryParse(_values[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value
        : throw new ArgumentException($"{key} must be an integer (got '{_values[key]}').", key);

    private int Int(string key) =>
        int.TryParse(_values[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
        : throw new ArgumentException($"{key} must be an integer in [{int.MinValue}, {int.MaxValue}] (got '{_values[key]}').", key);

    private ulong ULong(string key) =>
        ulong.TryParse(_values[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong value) ? value
        : throw new ArgumentException($"{key} must be an integer in [0, 2^64) (got '{_values[key]}').", key);

    private bool Flag(string key) => _values[key] switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        var other => throw new ArgumentException($"{key} must be true or false (got '{other}').", key),
    };
}
