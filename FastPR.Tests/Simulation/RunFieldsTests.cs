using System.CommandLine;
using System.Reflection;
using FastPR.Cli;
using FastPR.Cli.Output;
using FastPR.Cli.Sweep;
using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>
/// The one definition of a run (<see cref="RunFields"/>): every property of the spec is some field's, and every field, set to a
/// value that is not its default, comes through every channel made from the list: the command line, the checkpoint, the resume
/// path and its mismatch check, summary.json's parameters and the merged sweep CSV.
/// </summary>
public sealed class RunFieldsTests
{
    // One non-default value per field; a field added to RunFields and not here fails NonDefaults_CoverEveryField.
    private static readonly Dictionary<string, string> NonDefault = new()
    {
        ["d"] = "12",
        ["a"] = "1.5",
        ["unnormalized"] = "true",
        ["keep-teacher-scale"] = "true",
        ["sigma"] = "0.2",
        ["init"] = "gaussian",
        ["problem-seed"] = "5",
        ["seed"] = "9",
        ["algorithm"] = "sgd-sde",
        ["engine"] = "reference",
        ["gaussians"] = "philox",
        ["identical-minibatches"] = "true",
        ["batch"] = "2",
        ["eta"] = "0.002",
        ["schedule"] = "wsd:warmup=0.1,stable=0.6,shape=sqrt,final=0.05",
        ["steps"] = "40",
        ["time"] = "0.5",
        ["records"] = "7",
        ["seeds"] = "3",
        ["threads"] = "2",
        ["epsilon"] = "0.1",
        ["tolerance"] = "1E-05",
        ["closure"] = "high-dimensional",
        ["sde-stride"] = "3",
        ["no-predictions"] = "true",
    };

    private static readonly string[] Vectors = ["spectrum", "teacher", "initial"];

    [Fact]
    public void NonDefaults_CoverEveryField()
    {
        var names = RunFields.All.Select(f => f.Name).ToHashSet();
        Assert.Equal(names.Order(), NonDefault.Keys.Concat(Vectors).Order());
        foreach (var field in RunFields.All.Where(f => f.Type != RunFieldType.Vector))
            Assert.NotEqual(field.DefaultText, field.Format(field.With(SimulationSpec.Default, NonDefault[field.Name])));
    }

    [Fact]
    public void EverySettableProperty_BelongsToAField()
    {
        var covered = RunFields.All.SelectMany(f => f.Properties).ToHashSet(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(SimulationSpec), typeof(ProblemSpec) })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
            {
                if (property.Name == nameof(SimulationSpec.Problem)) continue; // the problem's own properties are checked
                Assert.True(covered.Contains(property.Name), $"{type.Name}.{property.Name} is in no RunField: add it to RunFields.");
            }
        }
    }

    // Steps and time exclude each other, and spectrum excludes d/a: two specs cover every field.
    public static TheoryData<string> Variants() => new() { "time", "steps" };

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryField_ThroughCommandLine_Checkpoint_Resume_Summary(string horizon)
    {
        var options = new SimulateOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var args = new List<string>();
        foreach (var (name, value) in NonDefault)
        {
            if (name is "time" or "steps" && name != horizon) continue;
            if (options.Find(name) is Option<bool>) args.Add("--" + name);
            else args.AddRange(["--" + name, value]);
        }
        var spec = options.Bind(command.Parse(args));
        double[] teacher = [.. Enumerable.Range(1, 12).Select(i => 1.0 / i)];
        double[] initial = [.. Enumerable.Range(1, 12).Select(i => i % 2 == 0 ? 0.1 : -0.2)];
        spec = RunFields.Find("teacher")!.WithVector(spec, teacher);
        spec = RunFields.Find("initial")!.WithVector(spec, initial);
        spec.Validate();

        // Command line: every field holds the value given.
        foreach (var field in RunFields.All.Where(f => f.Type != RunFieldType.Vector && f.Name is not ("time" or "steps") || f.Name == horizon))
            Assert.Equal(Canonical(field, NonDefault[field.Name]), field.Format(spec));

        // Checkpoint: written and read, every field the same (vectors bit for bit).
        var checkpoint = new SimulationCheckpoint(SimulationCheckpoint.CurrentVersion, spec, EngineKind.Reference, GaussianSourceKind.Philox, 1.5,
            [SavedMember.NotStarted, SavedMember.NotStarted, SavedMember.NotStarted], null)
        { Labels = new Dictionary<string, string> { ["run-id"] = "abc" } };
        var read = SimulationCheckpoint.FromBytes(checkpoint.ToBytes());
        foreach (var field in RunFields.All) Assert.True(field.SameIn(spec, read.Spec), $"{field.Name} changed through the checkpoint");
        Assert.Equal("abc", read.Labels["run-id"]);

        // Resume: no options continue the saved run; any one field changed is refused by name.
        Assert.Null(read.Mismatch(options.Resumed(read.Spec, command.Parse([]))));
        foreach (var field in RunFields.All.Where(f => f.ChangesResults && f.Type != RunFieldType.Vector))
        {
            var changed = field.With(read.Spec, field.DefaultText ?? "1");
            string? mismatch = read.Mismatch(changed);
            Assert.True(mismatch is not null && mismatch.Contains($" {field.Name} = ", StringComparison.Ordinal), $"{field.Name}: {mismatch}");
        }
        Assert.Null(read.Mismatch(RunFields.Find("threads")!.With(read.Spec, "1")));
        Assert.Contains("teacher", read.Mismatch(RunFields.Find("teacher")!.WithVector(read.Spec, null)), StringComparison.Ordinal);

        // Summary: every field under its keyword, typed; merged columns: every keyword.
        var parameters = SummaryJson.Parameters(spec);
        foreach (var field in RunFields.All.Where(f => f.Type != RunFieldType.Vector))
        {
            Assert.True(parameters.ContainsKey(field.Keyword), field.Keyword);
            if (field.Name is "time" or "steps" or "init") continue; // as run, and "file" for a given w(0)
            string json = parameters[field.Keyword]!.ToJsonString();
            Assert.Equal(field.Type is RunFieldType.Choice or RunFieldType.Text ? $"\"{field.Format(spec)}\"" : field.Format(spec)!.ToLowerInvariant(), json.ToLowerInvariant());
        }
        Assert.Equal("file", parameters["init"]!.GetValue<string>());
        foreach (var field in RunFields.All.Where(f => f.Type != RunFieldType.Vector)) Assert.Contains(field.Keyword, SweepMerge.Columns);
    }

    [Fact]
    public void FieldParsers_RefuseBadText_NamingTheField()
    {
        foreach (var (name, text) in new[] { ("d", "x"), ("eta", "fast"), ("algorithm", "adam"), ("seed", "-1"), ("unnormalized", "maybe"), ("steps", "1.5") })
        {
            var ex = Assert.Throws<RunFieldException>(() => RunFields.Find(name)!.With(SimulationSpec.Default, text));
            Assert.Equal(name, ex.ParamName);
        }
    }

    // The library's options are every field a problem does not fix, and each is a keyword of Python's simulate, so a field added
    // to RunFields reaches libfastpr by itself and fails here until Python takes it.
    [Fact]
    public void EveryLibraryOption_IsAKeywordOfPythonsSimulate()
    {
        var keys = FastPR.Interop.RunOptions.FieldKeys;
        foreach (var field in RunFields.All.Where(f => !f.OfProblem)) Assert.Contains(FastPR.Interop.RunOptions.KeyOf(field), keys);
        string source = File.ReadAllText(Path.Combine(TestRepository.Root, "python", "fastpr", "simulation.py"));
        int start = source.IndexOf("def simulate(", StringComparison.Ordinal);
        string signature = source[start..source.IndexOf(") -> Run:", start, StringComparison.Ordinal)];
        foreach (string key in keys) Assert.True(signature.Contains($" {key}: ", StringComparison.Ordinal), $"python's simulate has no keyword {key}");
    }


    private static string Canonical(RunField field, string text) => field.Format(field.With(SimulationSpec.Default, text))!;
}
