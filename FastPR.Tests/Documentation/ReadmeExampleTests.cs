using FastPR.Core;

namespace FastPR.Tests.Documentation;

/// <summary>
/// The README's "Use it as a library" examples, compiled and run; and a check that the README shows each of them verbatim,
/// so the README cannot drift from the API.
/// </summary>
public class ReadmeExampleTests
{
    [Fact]
    public void OneCall()
    {
        // --- README example: one call ---
        SimulationResult result = Simulator.Run(new SimulationSpec
        {
            Problem = new ProblemSpec(Dimension: 1000, Exponent: 2.0),
            Seeds = 8,        // online SGD (the default algorithm), B = 1, η = 10⁻³, 8 run seeds
            Time = 20,
        });
        double? rho = result.Analysis.Theory.Rho;             // the predicted escape rate
        double? escape = result.Analysis.Phases.Escape;       // T1 measured on the ensemble mean
        Snapshot? final = result.Final;                       // s, u, loss, MSE at the end
        // --- end ---

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(rho > 0);
        Assert.NotNull(escape);
        Assert.Equal(20, final!.Value.Time, 9);
    }

    [Fact]
    public void EngineLoop()
    {
        // --- README example: the zero-allocation engine loop ---
        var problem = new Problem(new ProblemSpec(Dimension: 1000, Exponent: 2.0, ProblemSeed: 0));
        var settings = new SgdSettings(BatchSize: 1, LearningRate: 1e-3);

        // One run: the engine draws its minibatches from its own Gaussian source; w is yours.
        using var engine = SgdEngines.Create(EngineKind.Auto, problem, settings,
            GaussianSources.Create(GaussianSourceKind.Auto, runSeed: 0));
        double[] w = problem.CopyInitialPoint();
        var recorder = TrajectoryRecorder.LogSpaced(totalSteps: 20_000, count: 100);
        RunResult run = TrajectoryRunner.Run(engine, w, recorder);   // allocates nothing
        for (int i = 0; i < 1000; i++) engine.Step(w);              // or step it yourself

        // An ensemble of 8 run seeds sharing the problem, in parallel, with 5%/95% bands.
        EnsembleResult ensemble = EnsembleRunner.Run(8,
            m => SgdEngines.Create(EngineKind.Projected, problem, settings,
                GaussianSources.Create(GaussianSourceKind.Philox, runSeed: 0, member: m)),
            RecordSchedule.LogSpaced(20_000, 100));
        Band uAtEnd = ensemble.Aggregate.Get(ensemble.Aggregate.RecordCount - 1, Statistic.U);
        // --- end ---

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(RunStatus.Completed, ensemble.Status);
        Assert.Equal(8, uAtEnd.Count);
        Assert.True(uAtEnd.Q05 <= uAtEnd.Mean && uAtEnd.Mean <= uAtEnd.Q95);
    }

    [Fact]
    public void TheoryOnly()
    {
        // --- README example: theory only ---
        var problem = new Problem(new ProblemSpec(Dimension: 1000, Exponent: 2.0, ProblemSeed: 3));
        TheorySummary theory = TheorySummary.For(problem);   // ρ, c, predicted T1, cutoff, slopes
        double? t1 = theory.T1Predicted;
        double cutoff = problem.Spectrum.CutoffTime;          // 1/(8 λ_min) = H·d^a/8
        // --- end ---

        Assert.NotNull(theory.Rho);
        Assert.True(theory.Rho > 4 * theory.Lambda1);
        Assert.True(t1 > 0);
        Assert.Equal(theory.CutoffTime, cutoff);
    }

    [Fact]
    public void CustomSpectrum()
    {
        string path = Path.Combine(TestRepository.Root, "docs", "reproduction", "data", "digits-eigenvalues.txt");
        // --- README example: your own spectrum ---
        double[] eigenvalues = VectorFormats.ParseText(File.ReadAllText(path));   // or VectorFormats.ParseNpy(bytes)
        ProblemSpec spec = ProblemSpec.ForEigenvalues(eigenvalues);              // any order; a teacher or w(0) may be given too
        SimulationResult sgd = Simulator.Run(new SimulationSpec { Problem = spec, Seeds = 8, Time = 60 });
        SimulationResult flow = Simulator.Run(new SimulationSpec { Problem = spec, Algorithm = AlgorithmKind.Flow, Time = 1e6 });
        TheorySummary theory = TheorySummary.For(new Problem(spec));             // a and H_{d,a} are null: not a power law
        // --- end ---

        Assert.Equal(61, eigenvalues.Length);
        Assert.Equal(RunStatus.Completed, sgd.Status);
        Assert.Equal(RunStatus.Completed, flow.Status);
        Assert.Null(theory.Hda);
        Assert.NotNull(theory.Rho);
        Assert.InRange(sgd.Analysis.Phases.Escape!.Value, 0.5 * flow.Analysis.Phases.Escape!.Value, 2 * flow.Analysis.Phases.Escape!.Value);
    }

    [Fact]
    public void ReadmeShowsEveryExampleVerbatim()
    {
        string readme = File.ReadAllText(Path.Combine(TestRepository.Root, "README.md"));
        var examples = Examples(File.ReadAllLines(SourcePath()));
        Assert.Equal(4, examples.Count);
        foreach (var (name, code) in examples)
            Assert.True(readme.Contains(code, StringComparison.Ordinal), $"README.md does not show the example '{name}' as the test runs it:\n{code}");
    }

    private static List<(string Name, string Code)> Examples(string[] lines)
    {
        var examples = new List<(string, string)>();
        for (int i = 0; i < lines.Length; i++)
        {
            const string marker = "// --- README example: ";
            if (!lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal)) continue;
            int at = lines[i].IndexOf(marker, StringComparison.Ordinal);
            string name = lines[i][(at + marker.Length)..].TrimEnd(' ', '-');
            var body = new List<string>();
            for (i++; !lines[i].Contains("// --- end ---", StringComparison.Ordinal); i++) body.Add(lines[i].Length >= at ? lines[i][at..] : lines[i].TrimStart());
            examples.Add((name, string.Join("\n", body)));
        }
        return examples;
    }

    // Found from the repository root: under CI=true the build maps source paths to /_/, so [CallerFilePath] is not a file.
    private static string SourcePath() => Path.Combine(TestRepository.Root, "FastPR.Tests", "Documentation", "ReadmeExampleTests.cs");
}
