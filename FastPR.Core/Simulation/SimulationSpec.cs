namespace FastPR.Core;

/// <summary>
/// Everything that defines one simulation: the problem, the algorithm and its settings, the horizon, the recording and the seeds.
/// <see cref="Validate"/> names the offending setting in <see cref="ArgumentException.ParamName"/> by its property: "BatchSize",
/// "LearningRate", "Steps", "Time", "Records", "Seeds", "Threads", "Epsilon", or the problem's "Dimension", "Exponent", "Sigma".
/// </summary>
public sealed record SimulationSpec
{
    /// <summary>Largest time horizon accepted: log-spaced record times and η·steps stay far inside the double range.</summary>
    public const double MaxHorizon = 1e100;

    /// <summary>Largest step count accepted (so counts, times and progress stay exact in double).</summary>
    public const long MaxSteps = 1L << 52;

    /// <summary>Every field at its default: d = 1000, a = 2, SGD with B = 1 and η = 10⁻³ (<see cref="RunFields"/>).</summary>
    public static SimulationSpec Default { get; } = new() { Problem = new ProblemSpec(1000, 2) };

    /// <summary>The problem: d, a, normalisation, σ, initialisation and problem seed.</summary>
    public required ProblemSpec Problem { get; init; }
    /// <summary>SGD (default), population GD or gradient flow.</summary>
    public AlgorithmKind Algorithm { get; init; } = AlgorithmKind.Sgd;
    /// <summary>SGD engine; "auto" picks MKL when it loads.</summary>
    public EngineKind Engine { get; init; } = EngineKind.Auto;
    /// <summary>Gaussian source of the SGD engines; "auto" picks the managed ziggurat.</summary>
    public GaussianSourceKind Gaussians { get; init; } = GaussianSourceKind.Auto;
    /// <summary>
    /// The run must use explicit B×d minibatches, pathwise comparable with the reference engine; otherwise "auto" may pick the
    /// projected engine, which is exact in law only.
    /// </summary>
    public bool IdenticalMinibatches { get; init; }
    /// <summary>Minibatch size B (SGD).</summary>
    public int BatchSize { get; init; } = 1;
    /// <summary>Step size η (SGD and GD); converts steps to time t = η·steps for every algorithm.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>
    /// The learning-rate schedule η(t) = η₀·factor with η₀ = <see cref="LearningRate"/> (docs/MODEL.md §3.9); constant by default.
    /// A non-constant schedule runs <see cref="TotalSteps"/> steps and ends at the sum of their sizes; the flow refuses it.
    /// </summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    /// <summary>Number of steps, or null to use <see cref="Time"/> (or the algorithm's default horizon).</summary>
    public long? Steps { get; init; }
    /// <summary>Time horizon T, or null to use <see cref="Steps"/> (or the algorithm's default horizon).</summary>
    public double? Time { get; init; }
    /// <summary>Number of log-spaced records, including t = 0 and the end (≥ 2).</summary>
    public int Records { get; init; } = 200;
    /// <summary>Ensemble size M (SGD and the sgd-sde; deterministic algorithms take 1).</summary>
    public int Seeds { get; init; } = 1;
    /// <summary>Worker threads for the ensemble, or null for the processor count.</summary>
    public int? Threads { get; init; }
    /// <summary>Run seed: member m draws from <see cref="SeedSequence.RunKey"/>(seed, m).</summary>
    public ulong Seed { get; init; }
    /// <summary>ε of the convergence time T2(ε): 1 − |u|/s* ≤ ε. In (0, 1).</summary>
    public double Epsilon { get; init; } = 0.05;
    /// <summary>
    /// Relative accuracy of the log-time integrators (flow, sgd-ode): <see cref="LogTimeOptions.ForTolerance"/>. The default,
    /// 4·10⁻⁴, is the schedule of <see cref="LogTimeOptions.Default"/> (measured ≤ 4·10⁻⁵ against RK4, docs/MODEL.md §3.4);
    /// 10⁻⁶ costs about ten times the leaps.
    /// </summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>The default <see cref="Tolerance"/>: κ = √τ = 0.02 reproduces <see cref="LogTimeOptions.Default"/> exactly.</summary>
    public const double DefaultTolerance = 4e-4;
    /// <summary>The sgd-ode's closure (docs/MODEL.md §3.7).</summary>
    public SgdOdeClosure Closure { get; init; } = SgdOdeClosure.Wick;
    /// <summary>
    /// Whether SGD and sgd-sde runs also integrate the sgd-ode for their predictions (<see cref="SimulationResult.SgdTheory"/>); off, a
    /// run costs its steps alone.
    /// </summary>
    public bool Predictions { get; init; } = true;

    /// <summary>
    /// Whether a run of this spec calls MKL: an SGD or sgd-sde run drawing from VSL (<see cref="GaussianSourceKind.Mkl"/>). Nothing
    /// else in a run does (the engines' sweeps are managed), so any other run never loads it.
    /// </summary>
    public bool CallsMkl => Algorithm is AlgorithmKind.Sgd or AlgorithmKind.SgdSde && GaussianSources.Resolve(Gaussians) == GaussianSourceKind.Mkl;
    /// <summary>SGD steps per step of the sgd-sde (≥ 1): one Euler–Maruyama step covers time stride·η (docs/MODEL.md §3.8).</summary>
    public int SdeStride { get; init; } = 1;

    /// <summary>Whether the algorithm is stochastic, run as a seeded ensemble (sgd, sgd-sde).</summary>
    public bool IsStochastic => Algorithm is AlgorithmKind.Sgd or AlgorithmKind.SgdSde;

    /// <summary>Whether the algorithm runs to a time horizon in log-time leaps (flow, sgd-ode) rather than in steps.</summary>
    public bool IsTimeBased => Algorithm is AlgorithmKind.Flow or AlgorithmKind.SgdOde;

    /// <summary>The horizon used when neither steps nor time is given: t = 100 for SGD, 10⁵ for GD, 10⁷ for the flow and the sgd-ode.</summary>
    public static double DefaultTime(AlgorithmKind algorithm) => algorithm switch
    {
        AlgorithmKind.Sgd or AlgorithmKind.SgdSde => 100,
        AlgorithmKind.Gd => 1e5,
        _ => 1e7,
    };

    /// <summary>Steps to take (SGD and GD): <see cref="Steps"/>, or ⌈T/η⌉ (with a relative slack so 100/1e-3 gives 10⁵).</summary>
    public long TotalSteps
    {
        get
        {
            if (Steps is long steps) return steps;
            double t = Time ?? DefaultTime(Algorithm);
            double n = t / LearningRate;
            return (long)Math.Ceiling(n * (1 - 1e-12));
        }
    }

    /// <summary>The final time: η·steps for SGD and GD (η·stride·⌈steps/stride⌉ for the sgd-sde); for the flow and the sgd-ode T, or η·steps when steps were given.</summary>
    public double Horizon => !Schedule.IsConstant && Algorithm != AlgorithmKind.Flow ? ScheduledClock().Horizon : IsTimeBased
        ? Steps is long steps ? steps * LearningRate : Time ?? DefaultTime(Algorithm)
        : Algorithm == AlgorithmKind.SgdSde ? SdeSteps * SdeStride * LearningRate : TotalSteps * LearningRate;

    /// <summary>
    /// A fresh clock of the schedule for this run (its SGD steps, and the sgd-sde's stride), or null for the constant schedule, whose
    /// runs keep today's arithmetic (t = η·steps).
    /// </summary>
    public StepSizeClock? NewClock() => Schedule.IsConstant ? null : ScheduledClock();

    /// <summary>Null for the constant schedule, else a maker of fresh clocks: one per ensemble member.</summary>
    internal Func<StepSizeClock>? ClockFactory => Schedule.IsConstant ? null : ScheduledClock;

    private StepSizeClock ScheduledClock() =>
        new(Schedule, LearningRate, Algorithm == AlgorithmKind.SgdSde ? SdeSteps * SdeStride : TotalSteps, Algorithm == AlgorithmKind.SgdSde ? SdeStride : 1);

    /// <summary>Steps of the sgd-sde: ⌈<see cref="TotalSteps"/>/<see cref="SdeStride"/>⌉, so its horizon is a whole number of its steps.</summary>
    internal long SdeSteps => TotalSteps / SdeStride + (TotalSteps % SdeStride == 0 ? 0 : 1);

    /// <summary>
    /// An upper estimate of the memory the run needs, in bytes (a double, so absurd requests do not overflow): the problem's
    /// d-vectors, each member's state, records and saved copy, each worker's engine buffers, and the ensemble's statistics.
    /// </summary>
    public double EstimatedBytes => MemoryTerms().Sum(t => t.Bytes);

    // The estimate by the property that drives each term, so a refusal names the option to change.
    private (string Property, double Bytes)[] MemoryTerms()
    {
        double d = Problem?.Dimension ?? 0;
        double members = IsStochastic ? Seeds : 1;
        double workers = Math.Min(Threads ?? Environment.ProcessorCount, members);
        double records = Records;
        double batch = BatchSize;
        double block = Math.Min(batch * d, MklSgdEngine.BlockBytes / sizeof(double));
        double perWorker = Algorithm == AlgorithmKind.SgdOde ? 24 * d : 6 * d + 3 * batch + block;
        return
        [
            (nameof(Problem.Dimension), 16 * d * sizeof(double) + workers * perWorker * sizeof(double)),
            (nameof(Seeds), members * (2 * d * sizeof(double) + 64)),
            (nameof(Records), (members + (members > 1 ? 4 : 0) + 1) * records * 9 * sizeof(double)),
            (nameof(BatchSize), workers * 3 * batch * sizeof(double)),
        ];
    }

    /// <summary>
    /// Throws an <see cref="ArgumentOutOfRangeException"/> naming the setting that drives the estimate most when
    /// <see cref="EstimatedBytes"/> exceeds <paramref name="availableBytes"/>, before any memory is taken.
    /// </summary>
    public void ValidateMemory(long availableBytes)
    {
        var terms = MemoryTerms();
        double total = terms.Sum(t => t.Bytes);
        if (total <= availableBytes) return;
        throw new ArgumentOutOfRangeException(terms.MaxBy(t => t.Bytes).Property,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the run needs about {total / 1e9:G3} GB of memory, more than the {availableBytes / 1e9:G3} GB available; lower it."));
    }

    /// <summary>Throws an <see cref="ArgumentException"/> (usually <see cref="ArgumentOutOfRangeException"/>) naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Problem is null) throw new ArgumentNullException(nameof(Problem), "The problem specification is missing.");
        Problem.Validate();
        if (!Enum.IsDefined(Algorithm)) throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "algorithm must be sgd, gd, flow, sgd-ode or sgd-sde.");
        if (!Enum.IsDefined(Closure)) throw new ArgumentOutOfRangeException(nameof(Closure), Closure, "closure must be wick or high-dimensional.");
        if (!double.IsFinite(Tolerance) || Tolerance <= 0 || Tolerance >= 1)
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, $"tolerance must lie in (0, 1) (got {Tolerance}).");
        if (!Enum.IsDefined(Engine)) throw new ArgumentOutOfRangeException(nameof(Engine), Engine, "engine must be auto, reference, mkl or projected.");
        if (!Enum.IsDefined(Gaussians)) throw new ArgumentOutOfRangeException(nameof(Gaussians), Gaussians, "gaussians must be auto, mkl, managed or ziggurat.");
        new SgdSettings(BatchSize, LearningRate).Validate();
        if (Schedule is null) throw new ArgumentNullException(nameof(Schedule), "The schedule is missing; use LearningRateSchedule.Constant.");
        if (!Schedule.IsConstant && Algorithm == AlgorithmKind.Flow)
            throw new ArgumentException($"the flow has no step size, so it takes no schedule (got {Schedule}); use schedule constant.", nameof(Schedule));
        if (Steps is not null && Time is not null)
            throw new ArgumentException("give either steps or time, not both.", nameof(Time));
        if (Steps is long steps)
        {
            if (steps < 0 || steps > MaxSteps)
                throw new ArgumentOutOfRangeException(nameof(Steps), steps, $"steps must be an integer in [0, 2^52] (got {steps}).");
        }
        if (Time is double time)
        {
            if (!double.IsFinite(time) || time < 0)
                throw new ArgumentOutOfRangeException(nameof(Time), time, $"time must be finite and ≥ 0 (got {time}).");
            if (!IsTimeBased && time / LearningRate > MaxSteps)
                throw new ArgumentOutOfRangeException(nameof(Time), time, $"time/eta must be at most 2^52 steps (got {time / LearningRate:G3}).");
        }
        if (IsTimeBased && Steps is long flowSteps && !double.IsFinite(flowSteps * LearningRate))
            throw new ArgumentOutOfRangeException(nameof(Steps), flowSteps, "steps·eta must be finite.");
        if (Records < 2) throw new ArgumentOutOfRangeException(nameof(Records), Records, $"records must be ≥ 2 (got {Records}).");
        if (Seeds < 1) throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, $"seeds must be ≥ 1 (got {Seeds}).");
        if (SdeStride < 1) throw new ArgumentOutOfRangeException(nameof(SdeStride), SdeStride, $"sde-stride must be ≥ 1 (got {SdeStride}).");
        if (!(Horizon <= MaxHorizon))
        {
            string property = Time is not null ? nameof(Time) : Steps is not null && IsTimeBased ? nameof(Steps) : nameof(LearningRate);
            throw new ArgumentOutOfRangeException(property, Horizon, $"the horizon t = {Horizon:G3} is beyond 1e100, where the log-spaced records leave the double range.");
        }
        if (Seeds > 1 && !IsStochastic)
            throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, $"seeds must be 1 for {Algorithm.ToString().ToLowerInvariant()}, which is deterministic (got {Seeds}).");
        if (Threads is int threads && threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), threads, $"threads must be ≥ 1 (got {threads}).");
        if (!(Epsilon > 0 && Epsilon < 1)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, $"epsilon must lie in (0, 1) (got {Epsilon}).");
        bool explicitEngine = Engine is EngineKind.Reference or EngineKind.Mkl || (Engine == EngineKind.Auto && (IdenticalMinibatches || BatchSize == 1));
        if (Algorithm == AlgorithmKind.Sgd && explicitEngine)
        {
            long perStep = (long)BatchSize * Problem.Dimension;
            if (perStep > Array.MaxLength)
                throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"batch·d must be at most {Array.MaxLength} for explicit engines (got {perStep}); the projected engine (EngineKind.Projected) draws d + 2·batch normals instead.");
        }
    }
}
