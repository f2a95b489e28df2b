using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Engines;

/// <summary>
/// The MKL engine on float data (docs/MODEL.md §5): float G, double state. Pathwise it is the double engine fed the
/// float-rounded normals, bit for bit; in law it matches the double engine through the escape and on the noise floor; and the
/// state stays double, so Phase III's tiny tail increments (below half a float ulp of the coordinate) are not lost.
/// </summary>
public class FloatDataTests(ITestOutputHelper output)
{
    private static double[] RoundedToFloat(double[] x) => x.Select(v => (double)(float)v).ToArray();

    [Fact]
    public void FloatEngine_IsTheDoubleEngineOnFloatRoundedNormals_BitForBit()
    {
        var problem = new Problem(new ProblemSpec(300, 1.5, Sigma: 0.4, ProblemSeed: 2));
        var settings = new SgdSettings(7, 1e-2);
        using var single = new MklSgdEngine(problem, settings, new ZigguratGaussianSource(1), DataPrecision.Single);
        using var doubled = new MklSgdEngine(problem, settings, new ZigguratGaussianSource(1));
        using var stream = new ZigguratGaussianSource(SeedSequence.RunKey(4));
        var draws = new double[single.GaussiansPerStep];
        double[] a = problem.CopyInitialPoint(), b = problem.CopyInitialPoint();
        for (int step = 0; step < 200; step++)
        {
            stream.Fill(draws);
            single.Update(a, draws);
            doubled.Update(b, RoundedToFloat(draws));
        }
        Assert.Equal(b, a);
    }

    [Fact]
    public void Step_DrawsFloatsFromTheSource_AndEqualsUpdateOnThem()
    {
        var problem = new Problem(new ProblemSpec(5000, 1.5, Sigma: 0.2, ProblemSeed: 2)); // 13 rows per block: 3 blocks at B = 30
        var settings = new SgdSettings(30, 1e-3);
        using var stepping = new MklSgdEngine(problem, settings, new ZigguratGaussianSource(8), DataPrecision.Single);
        using var updating = new MklSgdEngine(problem, settings, new ZigguratGaussianSource(0), DataPrecision.Single);
        using var same = new ZigguratGaussianSource(8);
        var floats = new float[stepping.GaussiansPerStep];
        double[] a = problem.CopyInitialPoint(), b = problem.CopyInitialPoint();
        for (int step = 0; step < 5; step++)
        {
            stepping.Step(a);
            same.Fill(floats);
            updating.Update(b, floats.Select(x => (double)x).ToArray());
        }
        Assert.Equal(b, a);
    }

    [Fact]
    public void FloatData_NeedsASourceThatDrawsFloats()
    {
        var problem = new Problem(new ProblemSpec(10, 1.5));
        var error = Assert.Throws<ArgumentException>(() => new MklSgdEngine(problem, new SgdSettings(1, 1e-3), new SimdGaussianSource(1), DataPrecision.Single));
        Assert.Contains("float", error.Message);
    }

    [Fact]
    public void StateStaysDouble_PhaseThreeTailIncrementsBelowFloatResolutionAreKept()
    {
        // Near w* (Phase III) with a = 2 the residuals are ~1e-3 and the tail coordinates (λ_i ~ 1e-6) move by ~1e-10–1e-9
        // per step: below half a float ulp of the coordinate, so a float state would freeze them.
        var problem = new Problem(new ProblemSpec(1000, 2.0, ProblemSeed: 5));
        using var engine = new MklSgdEngine(problem, new SgdSettings(1, 1e-3), new ZigguratGaussianSource(3), DataPrecision.Single);
        var w = problem.Teacher.ToArray();
        var perturbation = new double[w.Length];
        using (var source = new ZigguratGaussianSource(9)) source.Fill(perturbation);
        for (int i = 0; i < w.Length; i++) w[i] += 3e-3 * perturbation[i] / Math.Sqrt(w.Length);
        var before = (double[])w.Clone();
        engine.Step(w);
        int tail = 0, moved = 0, belowFloatResolution = 0;
        var sizes = new List<double>();
        for (int i = 900; i < w.Length; i++, tail++)
        {
            double delta = Math.Abs(w[i] - before[i]);
            sizes.Add(delta);
            if (delta > 0) moved++;
            if ((float)(before[i] + (w[i] - before[i])) == (float)before[i]) belowFloatResolution++;
        }
        sizes.Sort();
        output.WriteLine($"tail |Δw_i|: median {sizes[tail / 2]:E2}, max {sizes[^1]:E2}; moved {moved}/{tail}, invisible in float {belowFloatResolution}/{tail}");
        Assert.InRange(sizes[tail / 2], 1e-11, 1e-8);
        Assert.Equal(tail, moved);
        Assert.True(belowFloatResolution > tail / 2, $"only {belowFloatResolution}/{tail} increments were below float resolution");
    }

    /// <summary>The noise floor of docs/MODEL.md §6–§7 (as in <see cref="NoiseFloorTests"/>): float data must land on it like double data.</summary>
    [Fact]
    public void FloatData_MatchesDoubleData_OnTheNoiseFloor()
    {
        const int members = 64, steps = 40_000;
        const double eta = 5e-3, sigma = 2, floor = eta * sigma * sigma;
        var problem = new Problem(new ProblemSpec(20, 1.5, Sigma: sigma, ProblemSeed: 0));
        Stats.Summary FinalMse(ulong seed, DataPrecision data) => Stats.Summarize(Ensemble.Column(
            Ensemble.Run(problem, members, [steps], m => new MklSgdEngine(problem, new SgdSettings(1, eta), new ZigguratGaussianSource(SeedSequence.RunKey(seed, m)), data)),
            0, s => s.Mse));
        Stats.Summary doubles = FinalMse(31, DataPrecision.Double), singles = FinalMse(32, DataPrecision.Single);
        output.WriteLine($"final MSE: double {doubles}, float {singles}; |Δ| = {Stats.MeanDifferenceInSe(doubles, singles):F2} SE; floor ησ²/B = {floor}");
        Assert.True(Stats.MeanDifferenceInSe(doubles, singles) < 4, $"double {doubles}, float {singles}");
        Assert.InRange(singles.Mean, 0.75 * floor, 1.5 * floor);
    }

    /// <summary>Through the escape (as in <see cref="EnsembleLawTests"/>): means within 4 SE, spreads within 25%, KS on u.</summary>
    [Fact]
    public void FloatData_MatchesDoubleData_InLawThroughTheEscape()
    {
        const int members = 400;
        int[] checkpoints = [200, 300, 600];
        var problem = new Problem(new ProblemSpec(100, 1.5, ProblemSeed: 3));
        Snapshot[,] Run(ulong seed, DataPrecision data) => Ensemble.Run(problem, members, checkpoints,
            m => new MklSgdEngine(problem, new SgdSettings(16, 0.01), new ZigguratGaussianSource(SeedSequence.RunKey(seed, m)), data));
        Snapshot[,] doubles = Run(41, DataPrecision.Double), singles = Run(42, DataPrecision.Single);
        for (int c = 0; c < checkpoints.Length; c++)
        {
            foreach (var (name, get) in new (string, Func<Snapshot, double>)[] { ("s", s => s.S), ("u", s => s.U), ("loss", s => s.Loss), ("mse", s => s.Mse) })
            {
                Stats.Summary a = Stats.Summarize(Ensemble.Column(doubles, c, get)), b = Stats.Summarize(Ensemble.Column(singles, c, get));
                string where = $"{name} at step {checkpoints[c]}: double {a}, float {b}";
                output.WriteLine($"{where}; |Δmean| = {Stats.MeanDifferenceInSe(a, b):F2} SE, sd ratio {b.StandardDeviation / a.StandardDeviation:F3}");
                Assert.True(Stats.MeanDifferenceInSe(a, b) < 4, where);
                Assert.InRange(b.StandardDeviation / a.StandardDeviation, 0.8, 1.25);
            }
        }
        var (d, p) = Stats.KsTwoSample(Ensemble.Column(doubles, 2, s => s.U), Ensemble.Column(singles, 2, s => s.U));
        Assert.True(p > 1e-3, $"D = {d:F4}, p = {p:E2}");
    }
}
