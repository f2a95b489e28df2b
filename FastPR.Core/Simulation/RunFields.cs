using System.Globalization;

namespace FastPR.Core;

/// <summary>
/// The one definition of a run: every field of a <see cref="SimulationSpec"/> (and its <see cref="ProblemSpec"/>), in one list.
/// The command line's options and resume path, the checkpoint codec and its mismatch check, the summary's parameters, the sweep's
/// grid keys and merged columns, the C ABI and the Python keywords are all made from this list, so a field added here appears
/// everywhere (and RunFieldsTests fails when a property of the spec is in none of its fields).
/// </summary>
public static class RunFields
{
    /// <summary>Command-line names of <see cref="AlgorithmKind"/>.</summary>
    public static IReadOnlyDictionary<string, AlgorithmKind> Algorithms { get; } =
        new Dictionary<string, AlgorithmKind> { ["sgd"] = AlgorithmKind.Sgd, ["gd"] = AlgorithmKind.Gd, ["flow"] = AlgorithmKind.Flow, ["sgd-ode"] = AlgorithmKind.SgdOde, ["sgd-sde"] = AlgorithmKind.SgdSde };

    /// <summary>Command-line names of <see cref="SgdOdeClosure"/>.</summary>
    public static IReadOnlyDictionary<string, SgdOdeClosure> Closures { get; } =
        new Dictionary<string, SgdOdeClosure> { ["wick"] = SgdOdeClosure.Wick, ["high-dimensional"] = SgdOdeClosure.HighDimensional };

    /// <summary>Command-line names of <see cref="EngineKind"/>.</summary>
    public static IReadOnlyDictionary<string, EngineKind> Engines { get; } =
        new Dictionary<string, EngineKind> { ["auto"] = EngineKind.Auto, ["reference"] = EngineKind.Reference, ["mkl"] = EngineKind.Mkl, ["projected"] = EngineKind.Projected };

    /// <summary>Command-line names of <see cref="GaussianSourceKind"/>.</summary>
    public static IReadOnlyDictionary<string, GaussianSourceKind> Sources { get; } = new Dictionary<string, GaussianSourceKind>
    {
        ["auto"] = GaussianSourceKind.Auto,
        ["mkl"] = GaussianSourceKind.Mkl,
        ["philox"] = GaussianSourceKind.Philox,
        ["ziggurat"] = GaussianSourceKind.Ziggurat,
        // The name before 2026-12: still accepted, never written (NameOf gives a value's first name).
        ["managed"] = GaussianSourceKind.Philox,
    };

    /// <summary>Command-line names of <see cref="InitialPoint"/>.</summary>
    public static IReadOnlyDictionary<string, InitialPoint> Inits { get; } =
        new Dictionary<string, InitialPoint> { ["sphere"] = InitialPoint.Sphere, ["gaussian"] = InitialPoint.Gaussian };

    /// <summary>Every field, in help order.</summary>
    public static IReadOnlyList<RunField> All { get; } = Build();

    /// <summary>The field named <paramref name="name"/> (or its keyword spelling, "sde_stride"), or null.</summary>
    public static RunField? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.TrimStart('-').Replace('_', '-');
        return All.FirstOrDefault(f => f.Name == key);
    }

    /// <summary>The field that sets the spec property <paramref name="property"/> (an ArgumentException's ParamName), or null.</summary>
    public static RunField? ForProperty(string property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return All.FirstOrDefault(f => f.Properties.Contains(property, StringComparer.OrdinalIgnoreCase)) ?? Find(property);
    }

    /// <summary>The command-line name of an enum value ("sgd-ode").</summary>
    public static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.First(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Key;
    }

    /// <summary>
    /// Null when <paramref name="resumed"/> describes the same run as <paramref name="saved"/> (fields that cannot change results,
    /// such as threads, may differ); otherwise one line naming the first field that differs.
    /// </summary>
    public static string? Mismatch(SimulationSpec saved, SimulationSpec resumed)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(resumed);
        foreach (var field in All)
        {
            if (!field.ChangesResults || field.SameIn(saved, resumed)) continue;
            return field.Type == RunFieldType.Vector
                ? $"the checkpoint was made with other {field.Name} values than given; resume with the same files."
                : $"the checkpoint was made with {field.Name} = {field.Format(saved) ?? "unset"}, not {field.Format(resumed) ?? "unset"}; resume with the same settings.";
        }
        return null;
    }

    private static RunField Problem(string name, RunFieldType type, string description, string allowed, string property,
        Func<ProblemSpec, string?> format, Func<ProblemSpec, string, ProblemSpec> parse, IReadOnlyList<string>? choices = null) =>
        new(name, type, description, allowed, [property], s => format(s.Problem), (s, text) => s with { Problem = parse(s.Problem, text) }, choices) { OfProblem = true };

    private static RunField Choice<T>(string name, string description, IReadOnlyDictionary<string, T> names, string property,
        Func<SimulationSpec, T> get, Func<SimulationSpec, T, SimulationSpec> set) =>
        new(name, RunFieldType.Choice, description, string.Join(", ", names.Keys), [property], s => NameOf(names, get(s)),
            (s, text) => set(s, Resolve(name, names, text)), [.. names.Keys]);

    private static T Resolve<T>(string name, IReadOnlyDictionary<string, T> names, string text)
    {
        foreach (var pair in names)
        {
            if (string.Equals(pair.Key, text, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        }
        throw new RunFieldException(name, $"unknown value '{text}' (allowed: {string.Join(", ", names.Keys)}).");
    }

    private static RunField Vector(string name, string description, string property, Func<ProblemSpec, double[]?> get, Func<ProblemSpec, double[]?, ProblemSpec> set) =>
        new(name, RunFieldType.Vector, description, "d finite values", [property], null, null,
            vector: s => get(s.Problem), withVector: (s, v) => s with { Problem = set(s.Problem, v) })
        { OfProblem = true };

    private static IReadOnlyList<RunField> Build()
    {
        const string IntAtLeastOne = "integer ≥ 1";
        return
        [
            Problem("d", RunFieldType.Integer, "Dimension d", IntAtLeastOne, nameof(ProblemSpec.Dimension),
                p => RunField.Text(p.Dimension), (p, t) => p with { Dimension = RunField.ParseInt("d", t, IntAtLeastOne) }),
            Problem("a", RunFieldType.Real, "Spectral exponent a, λ_i ∝ i^(−a)", "finite ≥ 0", nameof(ProblemSpec.Exponent),
                p => RunField.Text(p.Exponent), (p, t) => p with { Exponent = RunField.ParseReal("a", t, "finite ≥ 0") }),
            Problem("unnormalized", RunFieldType.Flag, "Use λ_i = i^(−a) instead of the trace-normalised spectrum", "true or false", nameof(ProblemSpec.Normalized),
                p => RunField.Text(!p.Normalized), (p, t) => p with { Normalized = !RunField.ParseFlag("unnormalized", t) }),
            Vector("spectrum", "Covariance eigenvalues (any order) instead of the power law; sets d", nameof(ProblemSpec.Eigenvalues),
                p => p.Eigenvalues, (p, v) => p with { Eigenvalues = v, Dimension = v?.Length ?? p.Dimension }),
            Vector("teacher", "Teacher w*, scaled to s* = 1 unless keep-teacher-scale", nameof(ProblemSpec.Teacher), p => p.Teacher, (p, v) => p with { Teacher = v }),
            Problem("keep-teacher-scale", RunFieldType.Flag, "Use the given teacher as it is (s* need not be 1)", "true or false", nameof(ProblemSpec.ScaleTeacher),
                p => RunField.Text(!p.ScaleTeacher), (p, t) => p with { ScaleTeacher = !RunField.ParseFlag("keep-teacher-scale", t) }),
            Problem("sigma", RunFieldType.Real, "Label-noise standard deviation σ", "finite ≥ 0", nameof(ProblemSpec.Sigma),
                p => RunField.Text(p.Sigma), (p, t) => p with { Sigma = RunField.ParseReal("sigma", t, "finite ≥ 0") }),
            Problem("init", RunFieldType.Choice, "Initial point: uniform on the sphere or N(0, I/d) (the command line also takes a vector file)",
                string.Join(", ", Inits.Keys), nameof(ProblemSpec.Init), p => NameOf(Inits, p.Init), (p, t) => p with { Init = Resolve("init", Inits, t) }, [.. Inits.Keys]),
            Vector("initial", "The initial point w(0), used as given (the command line's --init FILE)", nameof(ProblemSpec.Initial), p => p.Initial, (p, v) => p with { Initial = v }),
            Problem("problem-seed", RunFieldType.Seed, "Seed of the teacher and the initial point", "integer ≥ 0", nameof(ProblemSpec.ProblemSeed),
                p => p.ProblemSeed.ToString(CultureInfo.InvariantCulture), (p, t) => p with { ProblemSeed = RunField.ParseSeed("problem-seed", t) }),
            new("seed", RunFieldType.Seed, "Run seed of the SGD noise (member m uses stream (seed, m))", "integer ≥ 0", [nameof(SimulationSpec.Seed)],
                s => s.Seed.ToString(CultureInfo.InvariantCulture), (s, t) => s with { Seed = RunField.ParseSeed("seed", t) }),
            Choice("algorithm", "Dynamics: online SGD, population GD, gradient flow, SGD's moment equations (sgd-ode) or its diffusion approximation (sgd-sde)",
                Algorithms, nameof(SimulationSpec.Algorithm), s => s.Algorithm, (s, v) => s with { Algorithm = v }),
            Choice("engine", "SGD engine (auto: the fastest that answers the request; projected when B ≥ 2 unless identical-minibatches)",
                Engines, nameof(SimulationSpec.Engine), s => s.Engine, (s, v) => s with { Engine = v }),
            Choice("gaussians", "Gaussian source of the SGD engines and the sgd-sde (auto: the managed ziggurat; mkl: VSL; managed: Philox/Box–Muller)",
                Sources, nameof(SimulationSpec.Gaussians), s => s.Gaussians, (s, v) => s with { Gaussians = v }),
            new("identical-minibatches", RunFieldType.Flag, "Require explicit B×d minibatches, pathwise comparable with the reference engine", "true or false",
                [nameof(SimulationSpec.IdenticalMinibatches)], s => RunField.Text(s.IdenticalMinibatches),
                (s, t) => s with { IdenticalMinibatches = RunField.ParseFlag("identical-minibatches", t) }),
            new("batch", RunFieldType.Integer, "Minibatch size B", IntAtLeastOne, [nameof(SimulationSpec.BatchSize), "batchSize"],
                s => RunField.Text(s.BatchSize), (s, t) => s with { BatchSize = RunField.ParseInt("batch", t, IntAtLeastOne) }),
            new("eta", RunFieldType.Real, "Step size η; time t = η·steps", "finite > 0", [nameof(SimulationSpec.LearningRate), "learningRate"],
                s => RunField.Text(s.LearningRate), (s, t) => s with { LearningRate = RunField.ParseReal("eta", t, "finite > 0") }),
            new("steps", RunFieldType.Integer, "Number of steps (the flow and the sgd-ode run to η·steps)", "integer ≥ 0; excludes time",
                [nameof(SimulationSpec.Steps)], s => s.Steps is long n ? RunField.Text(n) : null,
                (s, t) => s with { Steps = RunField.ParseInteger("steps", t, "integer ≥ 0") }, optional: true),
            new("time", RunFieldType.Real, "Time horizon T (default: 100 for sgd and sgd-sde, 1e5 for gd, 1e7 for flow and sgd-ode)", "finite ≥ 0; excludes steps",
                [nameof(SimulationSpec.Time)], s => s.Time is double x ? RunField.Text(x) : null,
                (s, t) => s with { Time = RunField.ParseReal("time", t, "finite ≥ 0") }, optional: true),
            new("records", RunFieldType.Integer, "Log-spaced records of the trajectory, including t = 0 and the end", "integer ≥ 2",
                [nameof(SimulationSpec.Records)], s => RunField.Text(s.Records), (s, t) => s with { Records = RunField.ParseInt("records", t, "integer ≥ 2") }),
            new("seeds", RunFieldType.Integer, "Ensemble size M (sgd and sgd-sde)", IntAtLeastOne, [nameof(SimulationSpec.Seeds), "members"],
                s => RunField.Text(s.Seeds), (s, t) => s with { Seeds = RunField.ParseInt("seeds", t, IntAtLeastOne) }),
            new("threads", RunFieldType.Integer, "Worker threads for the ensemble (default: all cores; results do not depend on it)", IntAtLeastOne,
                [nameof(SimulationSpec.Threads), "maxThreads"], s => s.Threads is int n ? RunField.Text(n) : null,
                (s, t) => s with { Threads = RunField.ParseInt("threads", t, IntAtLeastOne) }, optional: true, changesResults: false),
            new("epsilon", RunFieldType.Real, "ε of the convergence time T2(ε): 1 − |u| ≤ ε", "in (0, 1)", [nameof(SimulationSpec.Epsilon)],
                s => RunField.Text(s.Epsilon), (s, t) => s with { Epsilon = RunField.ParseReal("epsilon", t, "in (0, 1)") }),
            new("tolerance", RunFieldType.Real, "Relative accuracy of the log-time flow and sgd-ode (1e-6: about 20× the leaps of the default)", "in (0, 1)",
                [nameof(SimulationSpec.Tolerance)], s => RunField.Text(s.Tolerance), (s, t) => s with { Tolerance = RunField.ParseReal("tolerance", t, "in (0, 1)") }),
            Choice("closure", "sgd-ode closure: per-coordinate Wick terms, or the high-dimensional limit", Closures, nameof(SimulationSpec.Closure),
                s => s.Closure, (s, v) => s with { Closure = v }),
            new("sde-stride", RunFieldType.Integer, "SGD steps per sgd-sde step (its Euler–Maruyama step is stride·η)", IntAtLeastOne,
                [nameof(SimulationSpec.SdeStride)], s => RunField.Text(s.SdeStride), (s, t) => s with { SdeStride = RunField.ParseInt("sde-stride", t, IntAtLeastOne) }),
            // Whether the prediction is made changes no record of the run, so a resume may turn it on or off.
            new("no-predictions", RunFieldType.Flag, "Skip the sgd-ode predictions of SGD and sgd-sde runs (sgd_theory): the run costs its steps alone",
                "true or false", [nameof(SimulationSpec.Predictions)], s => RunField.Text(!s.Predictions),
                (s, t) => s with { Predictions = !RunField.ParseFlag("no-predictions", t) }, changesResults: false),
        ];
    }
}
