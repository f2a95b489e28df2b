using System.CommandLine;
using FastPR.Cli.Input;
using FastPR.Core;

namespace FastPR.Cli;

/// <summary>
/// The options that define a simulation, made from Core's <see cref="RunFields"/> (one option per field; the vector fields are
/// read from files: --spectrum, --teacher, and --init FILE for w(0)), shared by <c>simulate</c>, <c>sweep</c>, <c>sweep
/// slurm-script</c> and <c>theory</c>. Every binding (a fresh run, a sweep point, a resume) starts from a spec and applies the
/// options given explicitly, through the fields' own parsers.
/// </summary>
internal sealed class SimulateOptions
{
    private readonly Dictionary<string, Option> _byName = new(StringComparer.Ordinal);

    public SimulateOptions()
    {
        foreach (var field in RunFields.All)
        {
            Option option = field.Name switch
            {
                "initial" => null!,
                "spectrum" => new Option<string?>("--spectrum") { Description = "Covariance eigenvalues from a file (text: one per line, # comments; or .npy float64), any order, instead of the power law; sets d", HelpName = "FILE" },
                "teacher" => new Option<string?>("--teacher") { Description = "Teacher w* from a file (text or .npy), scaled to s* = 1 unless --keep-teacher-scale", HelpName = "FILE" },
                "init" => OptionFactory.ChoiceOrFile("--init", field.DefaultText!, RunFields.Inits, "Initial point: uniform on the sphere, N(0, I/d), or a vector file (text or .npy)"),
                _ when field.Type == RunFieldType.Flag => new Option<bool>("--" + field.Name) { Description = field.Description },
                _ => FieldOption(field),
            };
            if (option is not null) _byName[field.Name] = option;
        }
    }

    /// <summary>Every option, in the fields' order.</summary>
    public IReadOnlyList<Option> All => [.. _byName.Values];

    /// <summary>Option names without dashes: the keys a sweep grid may vary (the vector fields come from files and are not varied).</summary>
    public IEnumerable<string> Keys => RunFields.All.Where(f => f.Type != RunFieldType.Vector).Select(f => f.Name);

    public Option D => _byName["d"];
    public Option A => _byName["a"];
    public Option Unnormalized => _byName["unnormalized"];
    public Option Threads => _byName["threads"];

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>The option named <paramref name="key"/> (without dashes), or null.</summary>
    public Option? Find(string key) => _byName.GetValueOrDefault(key);

    /// <summary>Whether the user gave <paramref name="option"/> explicitly.</summary>
    public static bool IsExplicit(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>
    /// The spec of the options given explicitly in <paramref name="result"/>, over the defaults, then the sweep point's
    /// <paramref name="assignments"/> (key, value text). Not validated: call <see cref="SimulationSpec.Validate"/>.
    /// </summary>
    public SimulationSpec Bind(ParseResult result, IReadOnlyList<(string Key, string Value)>? assignments = null)
    {
        var spec = Apply(SimulationSpec.Default, result);
        foreach (var (key, value) in assignments ?? [])
        {
            var field = RunFields.Find(key) ?? throw new UsageException("grid", $"unknown key '{key}'.");
            spec = field.With(spec, key == "schedule" ? ScheduleFile.Resolve(value) : value);
        }
        bool powerLawGiven = new[] { "d", "a", "unnormalized" }.Any(k => IsExplicit(result, _byName[k]) || (assignments?.Any(a => a.Key == k) ?? false));
        if (spec.Problem.Eigenvalues is not null && powerLawGiven)
            throw new UsageException("spectrum", "--spectrum gives d and the eigenvalues; it cannot be combined with --d, --a or --unnormalized.");
        return spec;
    }

    /// <summary>
    /// The spec of a resumed run: <paramref name="saved"/>, with the options the user gave explicitly in <paramref name="result"/>
    /// taking their place, so that comparing it with <paramref name="saved"/> finds what the user asked to change.
    /// </summary>
    public SimulationSpec Resumed(SimulationSpec saved, ParseResult result) => Apply(saved, result);

    /// <summary>The problem alone, for <c>theory</c>: the problem's options over the defaults.</summary>
    public ProblemSpec BindProblem(ParseResult result) => Bind(result).Problem;

    // Each explicit option through its field's parser; files for the vector fields.
    private SimulationSpec Apply(SimulationSpec spec, ParseResult result)
    {
        foreach (var field in RunFields.All)
        {
            if (!_byName.TryGetValue(field.Name, out var option) || !IsExplicit(result, option)) continue;
            spec = option switch
            {
                Option<bool> flag => field.With(spec, result.GetValue(flag) ? "true" : "false"),
                Option<string?> file when field.Type == RunFieldType.Vector => field.WithVector(spec, VectorFile.Read(result.GetValue(file)!, field.Name)),
                Option<string> init when field.Name == "init" => ApplyInit(spec, result.GetValue(init)!),
                Option<string?> text when field.Name == "schedule" => field.With(spec, ScheduleFile.Resolve(result.GetValue(text)!)),
                Option<string?> text => field.With(spec, result.GetValue(text)!),
                _ => spec,
            };
        }
        return spec;
    }

    // --init is a choice or a file: a file sets the "initial" vector field and leaves the distribution at its default.
    private static SimulationSpec ApplyInit(SimulationSpec spec, string value)
    {
        var init = RunFields.Find("init")!;
        var initial = RunFields.Find("initial")!;
        if (RunFields.Inits.ContainsKey(value)) return initial.WithVector(init.With(spec, value), null);
        if (!File.Exists(value)) throw new UsageException("init", $"'{value}' is neither sphere, gaussian nor a file that exists.");
        return initial.WithVector(init.With(spec, init.DefaultText!), VectorFile.Read(value, "init"));
    }

    // A text option whose parse error (from the field) reads "--name: …" at parse time, before anything runs.
    private static Option<string?> FieldOption(RunField field)
    {
        string? fallback = field.DefaultText;
        var option = new Option<string?>("--" + field.Name)
        {
            Description = $"{field.Description} [{field.Allowed}]",
            HelpName = field.Type switch
            {
                RunFieldType.Choice => string.Join('|', field.Choices),
                RunFieldType.Real => "number",
                RunFieldType.Text => "schedule",
                _ => "int",
            },
            CustomParser = r =>
            {
                string token = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                if (field.Type == RunFieldType.Text && token.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return token; // read when bound
                try
                {
                    var parsed = field.With(SimulationSpec.Default, token);
                    return field.Format(parsed);
                }
                catch (RunFieldException ex)
                {
                    r.AddError($"--{field.Name}: {ExceptionText.WithoutParameterSuffix(ex)}");
                    return fallback;
                }
            },
        };
        if (fallback is not null) option.DefaultValueFactory = _ => fallback;
        return option;
    }
}
