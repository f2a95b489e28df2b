using System.CommandLine;
using FastPR.Cli.Input;
using FastPR.Core;

namespace FastPR.Cli;

/// <summary>
/// The options that define a simulation, shared by <c>simulate</c>, <c>sweep</c> and <c>sweep slurm-script</c>, and their binding
/// to a <see cref="SimulationSpec"/>. A sweep point overrides some of them with a second parse of "--key value" tokens.
/// </summary>
internal sealed class SimulateOptions
{
    public static readonly IReadOnlyDictionary<string, AlgorithmKind> AlgorithmNames =
        new Dictionary<string, AlgorithmKind> { ["sgd"] = AlgorithmKind.Sgd, ["gd"] = AlgorithmKind.Gd, ["flow"] = AlgorithmKind.Flow, ["sgd-ode"] = AlgorithmKind.SgdOde, ["sgd-sde"] = AlgorithmKind.SgdSde };
    public static readonly IReadOnlyDictionary<string, SgdOdeClosure> Closures =
        new Dictionary<string, SgdOdeClosure> { ["wick"] = SgdOdeClosure.Wick, ["high-dimensional"] = SgdOdeClosure.HighDimensional };
    public static readonly IReadOnlyDictionary<string, EngineKind> Engines =
        new Dictionary<string, EngineKind> { ["auto"] = EngineKind.Auto, ["reference"] = EngineKind.Reference, ["mkl"] = EngineKind.Mkl, ["projected"] = EngineKind.Projected };
    public static readonly IReadOnlyDictionary<string, GaussianSourceKind> Sources =
        new Dictionary<string, GaussianSourceKind> { ["auto"] = GaussianSourceKind.Auto, ["mkl"] = GaussianSourceKind.Mkl, ["managed"] = GaussianSourceKind.Managed, ["ziggurat"] = GaussianSourceKind.Ziggurat };
    public static readonly IReadOnlyDictionary<string, InitialPoint> Inits =
        new Dictionary<string, InitialPoint> { ["sphere"] = InitialPoint.Sphere, ["gaussian"] = InitialPoint.Gaussian };

    public Option<int> D { get; } = OptionFactory.Int("--d", 1000, "integer ≥ 1", "Dimension d");
    public Option<double> A { get; } = OptionFactory.Double("--a", 2.0, "finite ≥ 0", "Spectral exponent a, λ_i ∝ i^(−a)");
    public Option<bool> Unnormalized { get; } = new("--unnormalized") { Description = "Use λ_i = i^(−a) instead of the trace-normalised spectrum" };
    public Option<double> Sigma { get; } = OptionFactory.Double("--sigma", 0, "finite ≥ 0", "Label-noise standard deviation σ");
    public Option<string> Init { get; } = OptionFactory.ChoiceOrFile("--init", "sphere", Inits, "Initial point: uniform on the sphere, N(0, I/d), or a vector file (text or .npy)");
    public Option<string?> Spectrum { get; } = new("--spectrum") { Description = "Covariance eigenvalues from a file (text: one per line, # comments; or .npy float64), any order, instead of the power law; sets d", HelpName = "FILE" };
    public Option<string?> Teacher { get; } = new("--teacher") { Description = "Teacher w* from a file (text or .npy), scaled to s* = 1 unless --keep-teacher-scale", HelpName = "FILE" };
    public Option<bool> KeepTeacherScale { get; } = new("--keep-teacher-scale") { Description = "Use the --teacher vector as given (s* need not be 1)" };
    public Option<ulong> ProblemSeed { get; } = OptionFactory.Seed("--problem-seed", "Seed of the teacher and the initial point");
    public Option<ulong> Seed { get; } = OptionFactory.Seed("--seed", "Run seed of the SGD noise (member m uses stream (seed, m))");
    public Option<string> Algorithm { get; } = OptionFactory.Choice("--algorithm", "sgd", AlgorithmNames, "Dynamics: online SGD, population GD, gradient flow, SGD's moment equations (sgd-ode), or SGD's diffusion approximation (sgd-sde)");
    public Option<string> Engine { get; } = OptionFactory.Choice("--engine", "auto", Engines, "SGD engine (auto: the fastest that answers the request; projected when B ≥ 2 unless --identical-minibatches)");
    public Option<string> Gaussians { get; } = OptionFactory.Choice("--gaussians", "auto", Sources, "Gaussian source of the SGD engines and the sgd-sde (auto: the managed ziggurat, the fastest measured; mkl: VSL; managed: Philox/Box–Muller)");
    public Option<bool> IdenticalMinibatches { get; } = new("--identical-minibatches") { Description = "Require explicit B×d minibatches, pathwise comparable with the reference engine (auto then never picks the projected engine)" };
    public Option<int> Batch { get; } = OptionFactory.Int("--batch", 1, "integer ≥ 1", "Minibatch size B");
    public Option<double> Eta { get; } = OptionFactory.Double("--eta", 1e-3, "finite > 0", "Step size η; time t = η·steps");
    public Option<long?> Steps { get; } = OptionFactory.OptionalLong("--steps", "integer ≥ 0; excludes --time", "Number of steps (the flow runs to η·steps)");
    public Option<double?> Time { get; } = OptionFactory.OptionalDouble("--time", "finite ≥ 0; excludes --steps; default: 100 for sgd, 1e5 for gd, 1e7 for flow and sgd-ode", "Time horizon T");
    public Option<int> Records { get; } = OptionFactory.Int("--records", 200, "integer ≥ 2", "Log-spaced checkpoints, including t = 0 and the end");
    public Option<int> Seeds { get; } = OptionFactory.Int("--seeds", 1, "integer ≥ 1", "Ensemble size M (SGD)");
    public Option<int?> Threads { get; } = OptionFactory.OptionalInt("--threads", "integer ≥ 1; default: all cores", "Worker threads for the ensemble");
    public Option<double> Epsilon { get; } = OptionFactory.Double("--epsilon", 0.05, "in (0, 1)", "ε of the convergence time T2(ε): 1 − |u| ≤ ε");
    public Option<double> Tolerance { get; } = OptionFactory.Double("--tolerance", SimulationSpec.DefaultTolerance, "in (0, 1)", "Relative accuracy of the log-time flow and sgd-ode (1e-6: about 20× the leaps of the default)");
    public Option<string> Closure { get; } = OptionFactory.Choice("--closure", "wick", Closures, "sgd-ode closure: per-coordinate Wick terms, or the high-dimensional limit");
    public Option<bool> NoPredictions { get; } = new("--no-predictions") { Description = "Skip the sgd-ode predictions of SGD and sgd-sde runs (sgd_theory): the run costs its steps alone" };
    public Option<int> SdeStride { get; } = OptionFactory.Int("--sde-stride", 1, "integer ≥ 1", "SGD steps per sgd-sde step (its Euler–Maruyama step is stride·η)");

    /// <summary>Every option, in help order.</summary>
    public IReadOnlyList<Option> All =>
        [D, A, Unnormalized, Spectrum, Teacher, KeepTeacherScale, Sigma, Init, ProblemSeed, Seed, Algorithm, Engine, Gaussians, IdenticalMinibatches, Batch, Eta, Steps, Time, Records, Seeds, Threads, Epsilon, Tolerance, Closure, SdeStride, NoPredictions];

    /// <summary>Option names without dashes: the keys a sweep grid may vary.</summary>
    public IEnumerable<string> Keys => All.Select(o => o.Name[2..]);

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>The option named <paramref name="key"/> (without dashes), or null.</summary>
    public Option? Find(string key) => All.FirstOrDefault(o => o.Name == "--" + key);

    /// <summary>Whether the user gave <paramref name="option"/> explicitly.</summary>
    public static bool IsExplicit(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>
    /// The spec from <paramref name="result"/>, with the values given explicitly in <paramref name="overrides"/> (parsed by
    /// <paramref name="overrideOptions"/>) taking precedence. Not validated: call <see cref="SimulationSpec.Validate"/>.
    /// </summary>
    public SimulationSpec Bind(ParseResult result, SimulateOptions? overrideOptions = null, ParseResult? overrides = null)
    {
        T Get<T>(Func<SimulateOptions, Option<T>> select)
        {
            if (overrideOptions is not null && overrides is not null && IsExplicit(overrides, select(overrideOptions)))
                return overrides.GetValue(select(overrideOptions))!;
            return result.GetValue(select(this))!;
        }

        bool Given(Func<SimulateOptions, Option> select) =>
            IsExplicit(result, select(this)) || (overrideOptions is not null && overrides is not null && IsExplicit(overrides, select(overrideOptions)));

        return new SimulationSpec
        {
            Problem = BindProblem(Get(o => o.D), Get(o => o.A), !Get(o => o.Unnormalized), Get(o => o.Sigma), Get(o => o.Init), Get(o => o.ProblemSeed),
                Get(o => o.Spectrum), Get(o => o.Teacher), Get(o => o.KeepTeacherScale), Given(o => o.D) || Given(o => o.A) || Given(o => o.Unnormalized)),
            Algorithm = OptionFactory.Resolve(AlgorithmNames, Get(o => o.Algorithm)),
            Engine = OptionFactory.Resolve(Engines, Get(o => o.Engine)),
            Gaussians = OptionFactory.Resolve(Sources, Get(o => o.Gaussians)),
            IdenticalMinibatches = Get(o => o.IdenticalMinibatches),
            BatchSize = Get(o => o.Batch),
            LearningRate = Get(o => o.Eta),
            Steps = Get(o => o.Steps),
            Time = Get(o => o.Time),
            Records = Get(o => o.Records),
            Seeds = Get(o => o.Seeds),
            Threads = Get(o => o.Threads),
            Seed = Get(o => o.Seed),
            Epsilon = Get(o => o.Epsilon),
            Tolerance = Get(o => o.Tolerance),
            Closure = OptionFactory.Resolve(Closures, Get(o => o.Closure)),
            SdeStride = Get(o => o.SdeStride),
            Predictions = !Get(o => o.NoPredictions),
        };
    }

    /// <summary>
    /// The problem: the power law (d, a), or the eigenvalues of <paramref name="spectrumFile"/>, which set d and conflict with
    /// an explicit --d, --a or --unnormalized; a teacher and an initial point from files when given.
    /// </summary>
    public static ProblemSpec BindProblem(int d, double a, bool normalized, double sigma, string init, ulong problemSeed,
        string? spectrumFile, string? teacherFile, bool keepTeacherScale, bool powerLawGiven)
    {
        double[]? eigenvalues = spectrumFile is null ? null : VectorFile.Read(spectrumFile, "spectrum");
        if (eigenvalues is not null && powerLawGiven)
            throw new UsageException("spectrum", "--spectrum gives d and the eigenvalues; it cannot be combined with --d, --a or --unnormalized.");
        bool initIsFile = !Inits.ContainsKey(init);
        var spec = eigenvalues is null
            ? new ProblemSpec(d, a, normalized, sigma, initIsFile ? InitialPoint.Sphere : Inits[init], problemSeed)
            : ProblemSpec.ForEigenvalues(eigenvalues, sigma, initIsFile ? InitialPoint.Sphere : Inits[init], problemSeed);
        if (!File.Exists(init) && initIsFile)
            throw new UsageException("init", $"'{init}' is neither sphere, gaussian nor a file that exists.");
        return spec with
        {
            Teacher = teacherFile is null ? null : VectorFile.Read(teacherFile, "teacher"),
            ScaleTeacher = !keepTeacherScale,
            Initial = initIsFile ? VectorFile.Read(init, "init") : null,
        };
    }

    /// <summary>
    /// The spec of a resumed run: <paramref name="saved"/>, with the options the user gave explicitly in <paramref name="result"/>
    /// taking their place, so that comparing it with <paramref name="saved"/> finds what the user asked to change.
    /// </summary>
    public SimulationSpec Resumed(SimulationSpec saved, ParseResult result)
    {
        var given = Bind(result);
        T Pick<T>(Option option, T mine, T theirs) => IsExplicit(result, option) ? mine : theirs;
        var p = saved.Problem;
        var g = given.Problem;
        return saved with
        {
            Problem = p with
            {
                Dimension = Pick(D, g.Dimension, p.Dimension),
                Exponent = Pick(A, g.Exponent, p.Exponent),
                Normalized = Pick(Unnormalized, g.Normalized, p.Normalized),
                Sigma = Pick(Sigma, g.Sigma, p.Sigma),
                Init = Pick(Init, g.Init, p.Init),
                ProblemSeed = Pick(ProblemSeed, g.ProblemSeed, p.ProblemSeed),
                Eigenvalues = Pick(Spectrum, g.Eigenvalues, p.Eigenvalues),
                Teacher = Pick(Teacher, g.Teacher, p.Teacher),
                ScaleTeacher = Pick(KeepTeacherScale, g.ScaleTeacher, p.ScaleTeacher),
                Initial = Pick(Init, g.Initial, p.Initial),
            },
            IdenticalMinibatches = Pick(IdenticalMinibatches, given.IdenticalMinibatches, saved.IdenticalMinibatches),
            Algorithm = Pick(Algorithm, given.Algorithm, saved.Algorithm),
            Engine = Pick(Engine, given.Engine, saved.Engine),
            Gaussians = Pick(Gaussians, given.Gaussians, saved.Gaussians),
            BatchSize = Pick(Batch, given.BatchSize, saved.BatchSize),
            LearningRate = Pick(Eta, given.LearningRate, saved.LearningRate),
            Steps = Pick(Steps, given.Steps, saved.Steps),
            Time = Pick(Time, given.Time, saved.Time),
            Records = Pick(Records, given.Records, saved.Records),
            Seeds = Pick(Seeds, given.Seeds, saved.Seeds),
            Threads = Pick(Threads, given.Threads, saved.Threads),
            Seed = Pick(Seed, given.Seed, saved.Seed),
            Epsilon = Pick(Epsilon, given.Epsilon, saved.Epsilon),
            SdeStride = Pick(SdeStride, given.SdeStride, saved.SdeStride),
            Predictions = Pick(NoPredictions, given.Predictions, saved.Predictions),
        };
    }

    /// <summary>The lower-case name of an enum value as the command line spells it.</summary>
    public static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value) =>
        names.First(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Key;
}
