using FastPR.Core;
using FastPR.Native;
using Width = FastPR.Core.SimdGaussianSource.LaneWidth;

namespace FastPR.Tests.Randomness;

/// <summary>Every source and engine saved mid-stream and restored into a fresh one continues bit for bit, and refuses foreign states.</summary>
public sealed class ResumableStateTests
{
    private const ulong Key = 0x1234_5678_9ABC_DEF0;

    public static TheoryData<string> ManagedKinds() => new() { "managed", "simd-scalar", "simd-best", "ziggurat-scalar", "ziggurat-best" };

    private static IGaussianSource Managed(string kind, ulong key) => kind switch
    {
        "managed" => new ManagedGaussianSource(key),
        "simd-scalar" => new SimdGaussianSource(key, Width.Scalar),
        "ziggurat-scalar" => new ZigguratGaussianSource(key, Width.Scalar),
        "ziggurat-best" => new ZigguratGaussianSource(key),
        _ => new SimdGaussianSource(key),
    };

    [Theory]
    [MemberData(nameof(ManagedKinds))]
    public void ManagedSource_RestoredIntoAFreshOne_ContinuesIdentically(string kind)
    {
        using var source = Managed(kind, Key);
        AssertContinues(source, () => Managed(kind, Key));
    }

    [MklFact]
    public void VslSource_RestoredIntoAFreshOne_ContinuesIdentically()
    {
        using var source = new VslGaussianSource(Key);
        AssertContinues(source, () => new VslGaussianSource(Key));
    }

    [Fact]
    public void SimdState_CarriesAcrossWidths()
    {
        using var scalar = new SimdGaussianSource(Key, Width.Scalar);
        using var best = new SimdGaussianSource(Key);
        scalar.Fill(new double[37]);
        best.RestoreState(scalar.SaveState());
        double[] a = new double[101], b = new double[101];
        scalar.Fill(a);
        best.Fill(b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void ZigguratState_CarriesAcrossWidths_AndKeepsTheUnreadCache()
    {
        using var scalar = new ZigguratGaussianSource(Key, Width.Scalar);
        using var best = new ZigguratGaussianSource(Key);
        scalar.Fill(new double[37]); // leaves part of a batch unread in the cache
        best.RestoreState(scalar.SaveState());
        double[] a = new double[1001], b = new double[1001];
        scalar.Fill(a);
        best.Fill(b);
        Assert.Equal(a, b);
        scalar.Fill(new float[5]);
        best.RestoreState(scalar.SaveState());
        float[] x = new float[333], y = new float[333];
        scalar.Fill(x);
        best.Fill(y);
        Assert.Equal(x, y);
        using var otherKey = new ZigguratGaussianSource(Key + 1);
        Assert.Contains("another key", Assert.Throws<ArgumentException>(() => otherKey.RestoreState(best.SaveState())).Message);
        Assert.Throws<ArgumentException>(() => best.RestoreState(new SimdGaussianSource(Key).SaveState()));
        Assert.Throws<ArgumentException>(() => best.RestoreState(best.SaveState().AsSpan(0, 100)));
    }

    [Fact]
    public void ManagedSources_RefuseAnotherKeyOrKind()
    {
        using var managed = new ManagedGaussianSource(Key);
        using var simd = new SimdGaussianSource(Key);
        using var otherKey = new SimdGaussianSource(Key + 1);
        Assert.Contains("another key", Assert.Throws<ArgumentException>(() => otherKey.RestoreState(simd.SaveState())).Message);
        Assert.Throws<ArgumentException>(() => simd.RestoreState(managed.SaveState()));
        Assert.Throws<ArgumentException>(() => managed.RestoreState(simd.SaveState()));
        Assert.Throws<ArgumentException>(() => managed.RestoreState(new byte[3]));
    }

    [MklFact]
    public void VslSource_RefusesAnotherKeyAKindOrACutImage()
    {
        using var source = new VslGaussianSource(Key);
        using var otherKey = new VslGaussianSource(Key + 1);
        using var managed = new SimdGaussianSource(Key);
        byte[] state = source.SaveState();
        Assert.Contains("another key", Assert.Throws<ArgumentException>(() => otherKey.RestoreState(state)).Message);
        Assert.Throws<ArgumentException>(() => source.RestoreState(managed.SaveState()));
        Assert.Throws<ArgumentException>(() => managed.RestoreState(state));
        Assert.Throws<ArgumentException>(() => source.RestoreState(state.AsSpan(0, state.Length - 1)));
    }

    [MklFact]
    public void VslStream_LoadChecksSizeAndGenerator()
    {
        using var sfmt = VslStream.Create(VslBrng.Sfmt19937, 7u);
        using var mcg = VslStream.Create(VslBrng.Mcg59, 7u);
        sfmt.Gaussian(new double[11]);
        byte[] image = sfmt.Save();
        using (var loaded = VslStream.Load(VslBrng.Sfmt19937, image))
        {
            double[] a = new double[50], b = new double[50];
            sfmt.Gaussian(a);
            loaded.Gaussian(b);
            Assert.Equal(a, b);
            Assert.Equal(VslBrng.Sfmt19937, loaded.Brng);
        }
        Assert.Throws<ArgumentException>(() => VslStream.Load(VslBrng.Sfmt19937, image.AsSpan(0, image.Length / 2)));
        Assert.Throws<ArgumentException>(() => VslStream.Load(VslBrng.Mcg59, mcg.Save().Concat(new byte[1]).ToArray()));
    }

    public static TheoryData<EngineKind, GaussianSourceKind, double> Engines() => new()
    {
        { EngineKind.Reference, GaussianSourceKind.Philox, 0 },
        { EngineKind.Projected, GaussianSourceKind.Philox, 0.3 },
        { EngineKind.Mkl, GaussianSourceKind.Mkl, 0.3 },
        { EngineKind.Projected, GaussianSourceKind.Mkl, 0 },
    };

    [SkippableTheory]
    [MemberData(nameof(Engines))]
    public void Engine_RestoredIntoAFreshOne_ContinuesIdentically(EngineKind engineKind, GaussianSourceKind sourceKind, double sigma)
    {
        if (engineKind == EngineKind.Mkl || sourceKind == GaussianSourceKind.Mkl) MklRequirement.SkipUnlessAvailable();
        var problem = new Problem(new ProblemSpec(60, 2.0, Sigma: sigma, ProblemSeed: 4));
        var settings = new SgdSettings(3, 1e-2);
        ISgdEngine Create() => SgdEngines.Create(engineKind, problem, settings, GaussianSources.Create(sourceKind, 5, member: 2));
        using var engine = Create();
        var w = problem.CopyInitialPoint();
        for (int i = 0; i < 37; i++) engine.Step(w);
        byte[] state = ((IResumable)engine).SaveState();
        double[] saved = w.ToArray();
        for (int i = 0; i < 50; i++) engine.Step(w);

        using var resumed = Create();
        ((IResumable)resumed).RestoreState(state);
        for (int i = 0; i < 50; i++) resumed.Step(saved);
        Assert.Equal(w, saved);
    }

    [Fact]
    public void Engine_RefusesTheStateOfAnotherEngine()
    {
        var problem = new Problem(new ProblemSpec(20, 2.0));
        var settings = new SgdSettings(1, 1e-2);
        using var reference = new ReferenceSgdEngine(problem, settings, new SimdGaussianSource(Key));
        using var projected = new ProjectedSgdEngine(problem, settings, new SimdGaussianSource(Key));
        Assert.True(projected.CanSaveState);
        Assert.Contains("engine projected", Assert.Throws<ArgumentException>(() => projected.RestoreState(reference.SaveState())).Message);
    }

    [Fact]
    public void Engine_OverASourceThatCannotSave_SaysSo()
    {
        var problem = new Problem(new ProblemSpec(20, 2.0));
        using var engine = new ReferenceSgdEngine(problem, new SgdSettings(1, 1e-2), new ForgetfulSource());
        Assert.False(engine.CanSaveState);
        Assert.Contains("cannot save", Assert.Throws<NotSupportedException>(() => engine.SaveState()).Message);
    }

    // Saves at an odd position, so a pair (or a SIMD call) is split across the save.
    private static void AssertContinues(IGaussianSource source, Func<IGaussianSource> fresh)
    {
        source.Fill(new double[1001]);
        byte[] state = ((IResumable)source).SaveState();
        double[] expected = new double[2050];
        source.Fill(expected.AsSpan(0, 3));
        source.Fill(expected.AsSpan(3));

        using var restored = fresh();
        ((IResumable)restored).RestoreState(state);
        double[] actual = new double[2050];
        restored.Fill(actual.AsSpan(0, 1000));
        restored.Fill(actual.AsSpan(1000));
        Assert.Equal(expected, actual);

        // Restoring rewinds a source that went on.
        ((IResumable)source).RestoreState(state);
        double[] again = new double[2050];
        source.Fill(again);
        Assert.Equal(expected, again);
    }

    private sealed class ForgetfulSource : IGaussianSource
    {
        public string Name => "forgetful";
        public void Fill(Span<double> destination) => destination.Fill(0.5);
        public void Dispose() { }
    }
}
