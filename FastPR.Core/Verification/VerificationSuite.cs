using System.Globalization;
using FastPR.Native;

namespace FastPR.Core;

/// <summary>Builds an SGD engine for a problem, settings and (owned) source.</summary>
public delegate ISgdEngine EngineFactory(Problem problem, SgdSettings settings, IGaussianSource source);

/// <summary>
/// What <c>fastpr verify</c> checks, at small sizes:
/// <list type="number">
/// <item>reference against MKL on identical minibatches, one step (≤ 10⁻¹²) and 10⁴ steps (≤ 10⁻⁹, relative to ‖w‖∞);</item>
/// <item>explicit (reference) against projected in law: the one-step law of Δw and a noise-dominated ensemble, means within 4 SE;</item>
/// <item>each engine against itself with w and the minibatch at offsets 0…7 doubles: bitwise identical (<see cref="ShiftedSpans"/>).</item>
/// </list>
/// Every check uses fixed seeds, so the suite is deterministic.
/// </summary>
public static class VerificationSuite
{
    /// <summary>Largest |Δmean|/SE accepted by the law comparisons.</summary>
    public const double LawTolerance = 4;
    /// <summary>Tolerance of one step on identical minibatches (rounding of the gemv summation order and fused multiply-adds).</summary>
    public const double OneStepTolerance = 1e-12;
    /// <summary>Tolerance after 10⁴ steps on identical minibatches.</summary>
    public const double ManyStepTolerance = 1e-9;

    /// <summary>Runs every check; cancellation skips the remaining ones.</summary>
    public static IReadOnlyList<VerificationCheck> Run(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var groups = new Func<IEnumerable<VerificationCheck>>[]
        {
            () => ReferenceVersusMkl(),
            () => ExplicitVersusProjectedOneStep((p, s, g) => new ProjectedSgdEngine(p, s, g)),
            // B = 1 there: the engine would take the explicit step on ξ, so the sampler is forced to keep this its check.
            () => ExplicitVersusProjectedEnsemble((p, s, g) => new ProjectedSgdEngine(p, s, g, dropOrthogonalNoise: false, projectAtBatchOne: true)),
            () => AlignmentIndependence(),
        };
        var checks = new List<VerificationCheck>();
        for (int k = 0; k < groups.Length; k++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                checks.Add(VerificationCheck.Skip("remaining checks", "", "", double.NaN, "interrupted"));
                break;
            }
            checks.AddRange(groups[k]());
            progress?.Report((k + 1.0) / groups.Length);
        }
        return checks;
    }

    /// <summary>Reference and explicit ("mkl") engines fed the same normals: one step, then 10⁴ steps (the engine calls no MKL).</summary>
    public static IReadOnlyList<VerificationCheck> ReferenceVersusMkl() =>
        ReferenceVersus("mkl", (p, s, g) => new MklSgdEngine(p, s, g), null);

    /// <summary>Reference and <paramref name="candidate"/> fed the same normals; <paramref name="skipReason"/> skips both checks.</summary>
    public static IReadOnlyList<VerificationCheck> ReferenceVersus(string name, EngineFactory candidate, string? skipReason = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        const string measure = "max|Δw| / ‖w‖∞";
        var oneStep = (Problem: Make(500, 1.5, 0.5, 21), Settings: new SgdSettings(8, 1e-2), Steps: 1, Tolerance: OneStepTolerance);
        var manySteps = (Problem: Make(500, 1.5, 0.1, 21), Settings: new SgdSettings(8, 5e-3), Steps: 10_000, Tolerance: ManyStepTolerance);
        var checks = new List<VerificationCheck>();
        foreach (var (problem, settings, steps, tolerance) in new[] { oneStep, manySteps })
        {
            string title = $"reference vs {name}, identical minibatches, {steps:N0} step{(steps == 1 ? "" : "s")}";
            string setting = Setting(problem, settings);
            if (skipReason is not null)
            {
                checks.Add(VerificationCheck.Skip(title, setting, measure, tolerance, skipReason));
                continue;
            }
            using var reference = new ReferenceSgdEngine(problem, settings, new ManagedGaussianSource(1));
            using var engine = candidate(problem, settings, new ManagedGaussianSource(1));
            using var draws = new SimdGaussianSource(SeedSequence.RunKey(5));
            var (deviation, movement) = IdenticalMinibatches.Compare(reference, engine, steps, draws);
            checks.Add(VerificationCheck.Compare(title, setting, measure, deviation, tolerance,
                string.Create(CultureInfo.InvariantCulture, $"w moved by {movement:G2} of ‖w‖∞")));
        }
        return checks;
    }

    /// <summary>
    /// The one-step law at a generic w (s, u ≈ 0.3): Σ Var Δw, the variance outside span{Qw, Qw*}, and the mean along Qw*, for the
    /// explicit reference engine and <paramref name="candidate"/>, 10⁵ samples each (d = 50, B = 8, σ = 0.5, η = 0.01).
    /// </summary>
    public static IReadOnlyList<VerificationCheck> ExplicitVersusProjectedOneStep(EngineFactory candidate, int samples = 100_000)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var drawn = Make(50, 1.5, 0.5, 11);
        var w = new double[drawn.Dimension];
        for (int i = 0; i < w.Length; i++) w[i] = 0.5 * drawn.Teacher[i] + 0.8 * drawn.InitialPoint[i];
        var problem = new Problem(drawn.Spec, drawn.Teacher, w);
        var settings = new SgdSettings(8, 0.01);
        var a = LawComparison.OneStep(problem, w, settings.LearningRate,
            c => new ReferenceSgdEngine(problem, settings, new SimdGaussianSource(SeedSequence.RunKey(1001, c))), samples);
        var b = LawComparison.OneStep(problem, w, settings.LearningRate,
            c => candidate(problem, settings, new SimdGaussianSource(SeedSequence.RunKey(2002, c))), samples);
        string setting = $"{Setting(problem, settings)}, {samples:N0} samples";
        return
        [
            Law("explicit vs projected, one step: Σ Var Δw", setting, a.Total, b.Total),
            Law("explicit vs projected, one step: variance outside span{Qw, Qw*}", setting, a.Orthogonal, b.Orthogonal),
            Law("explicit vs projected, one step: mean of Δw along Qw*", setting, a.AlongTeacher, b.AlongTeacher),
        ];
    }

    /// <summary>
    /// A noise-dominated ensemble (docs/MODEL.md §6–7: d = 20, a = 1.5, B = 1, η = 5·10⁻³, σ = 2, 4·10⁴ steps, 40 members): the final
    /// s, u and MSE of the explicit reference engine and of <paramref name="candidate"/>.
    /// </summary>
    public static IReadOnlyList<VerificationCheck> ExplicitVersusProjectedEnsemble(EngineFactory candidate, int members = 40, long steps = 40_000)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var problem = Make(20, 1.5, 2, 3);
        var settings = new SgdSettings(1, 5e-3);
        var a = LawComparison.FinalStatistics(problem, m => new ReferenceSgdEngine(problem, settings, new SimdGaussianSource(SeedSequence.RunKey(3003, m))), members, steps);
        var b = LawComparison.FinalStatistics(problem, m => candidate(problem, settings, new SimdGaussianSource(SeedSequence.RunKey(4004, m))), members, steps);
        string setting = $"{Setting(problem, settings)}, {steps:N0} steps, {members} members";
        return
        [
            Law("explicit vs projected, ensemble: final s", setting, a.S, b.S),
            Law("explicit vs projected, ensemble: final u", setting, a.U, b.U),
            Law("explicit vs projected, ensemble: final MSE", setting, a.Mse, b.Mse),
        ];
    }

    /// <summary>
    /// Each engine run on spans shifted by 0…7 doubles (d = 500, B = 8, σ = 0.5, 200 steps) must give bitwise the same w:
    /// the reproducibility contract (README "Reproducibility") for any alignment of caller-owned spans.
    /// </summary>
    public static IReadOnlyList<VerificationCheck> AlignmentIndependence(int steps = 200)
    {
        var problem = Make(500, 1.5, 0.5, 21);
        var settings = new SgdSettings(8, 1e-2);
        string setting = $"{Setting(problem, settings)}, {steps} steps";
        const string measure = "max|Δw| / ‖w‖∞ vs offset 0";
        var engines = new (string Name, EngineFactory Create, string? Skip)[]
        {
            ("reference", (p, s, g) => new ReferenceSgdEngine(p, s, g), null),
            ("mkl", (p, s, g) => new MklSgdEngine(p, s, g), null),
            // The dgemv path is MKL's own summation: it is where MKL's alignment-dependent kernels would show.
            ("mkl-gemv", (p, s, g) => new MklSgdEngine(p, s, g, DataPrecision.Double, useGemv: true), MklLibrary.IsAvailable ? null : "MKL is not available (see 'fastpr info')"),
            ("mkl-float", (p, s, g) => FloatData(p, s, g), null),
            ("projected", (p, s, g) => new ProjectedSgdEngine(p, s, g), null),
        };
        var checks = new List<VerificationCheck>();
        foreach (var (name, create, skip) in engines)
        {
            string title = $"{name}, spans shifted by 0…{ShiftedSpans.Offsets - 1} doubles: bitwise identical";
            if (skip is not null)
            {
                checks.Add(VerificationCheck.Skip(title, setting, measure, 0, skip));
                continue;
            }
            var (deviation, differing) = ShiftedSpans.Compare(() => create(problem, settings, new ManagedGaussianSource(1)), steps, SeedSequence.RunKey(7));
            checks.Add(VerificationCheck.Compare(title, setting, measure, deviation, 0,
                string.Create(CultureInfo.InvariantCulture, $"{differing} coordinates differ")));
        }
        return checks;
    }

    // Update never draws, so the seed of the float source the engine requires does not matter.
    private static MklSgdEngine FloatData(Problem problem, SgdSettings settings, IGaussianSource unused)
    {
        unused.Dispose();
        return new MklSgdEngine(problem, settings, new ZigguratGaussianSource(1), DataPrecision.Single);
    }

    private static VerificationCheck Law(string name, string setting, SampleMoments a, SampleMoments b) =>
        VerificationCheck.Compare(name, setting, "|Δmean| / SE", SampleMoments.DifferenceInStandardErrors(a, b), LawTolerance,
            string.Create(CultureInfo.InvariantCulture, $"explicit {a.Mean:G4} ± {a.StandardError:G2}, projected {b.Mean:G4} ± {b.StandardError:G2}"));

    private static Problem Make(int d, double a, double sigma, ulong seed) => new(new ProblemSpec(d, a, Sigma: sigma, ProblemSeed: seed));

    private static string Setting(Problem problem, SgdSettings settings) =>
        string.Create(CultureInfo.InvariantCulture,
            $"d = {problem.Dimension}, a = {problem.Spectrum.Exponent:G3}, B = {settings.BatchSize}, η = {settings.LearningRate:G3}, σ = {problem.Sigma:G3}");
}
