using System.Runtime.InteropServices;
using FastPR.Core;
using FastPR.Interop;

namespace FastPR.Tests.Interop;

/// <summary>
/// libfastpr's C entry points, called in-process through their unmanaged function pointers exactly as a C or Python caller
/// calls them, against Core used directly from .NET: the same seed gives bitwise the same state and trajectory.
/// (python/tests compares the Python package with the CLI the same way.)
/// </summary>
public unsafe class InteropExportsTests
{
    private const int D = 96;

    [Theory]
    [InlineData(3, 3, 1)] // projected, ziggurat
    [InlineData(1, 2, 2)] // reference, managed Philox
    public void StepThroughTheAbiEqualsTheEngineInDotNet(int kind, int source, int batch) =>
        AssertSameSteps(kind, source, batch, (EngineKind)kind, (GaussianSourceKind)source);

    [MklFact]
    public void MklEngineThroughTheAbiEqualsTheEngineInDotNet() =>
        AssertSameSteps(2, 1, 3, EngineKind.Mkl, GaussianSourceKind.Mkl);

    [Fact]
    public void SimulateThroughTheAbiEqualsSimulatorRun()
    {
        nint problem = PowerLaw();
        nint run;
        var simulate = (delegate* unmanaged<nint, int, int, int, int, double, double, long, double, int, int, int, ulong, nint*, int>)&SimulationExports.Simulate;
        Assert.Equal(0, simulate(problem, 0, 3, 3, 2, 0.01, double.NaN, 1500, double.NaN, 8, 3, 1, 5, &run));
        long rows, columns;
        Assert.Equal(0, ((delegate* unmanaged<nint, long*, long*, int>)&SimulationExports.Shape)(run, &rows, &columns));
        var table = new double[rows * columns];
        fixed (double* values = table)
            Assert.Equal(0, ((delegate* unmanaged<nint, double*, long, int>)&SimulationExports.Table)(run, values, table.Length));

        var expected = Simulator.Run(ThreeMemberSpec()).Ensemble!;
        Assert.Equal(expected.RecordCount, rows);
        for (int c = 0; c < rows; c++)
        {
            Assert.Equal(expected.Times[c], table[c * columns]);
            Assert.Equal(expected.Get(c, Statistic.U).Mean, table[c * columns + 2 + (int)Statistic.U]);
            Assert.Equal(expected.Get(c, Statistic.Mse).Q95, table[c * columns + 2 + Snapshot.StatisticCount + 3 * (int)Statistic.Mse + 2]);
        }
        Free(&SimulationExports.Free, run);
        Free(&ProblemExports.Free, problem);
    }

    [Fact]
    public void MemberTablesThroughTheAbiAreTheMembersTrajectories()
    {
        nint problem = PowerLaw();
        var simulate = (delegate* unmanaged<nint, int, int, int, int, double, double, long, double, int, int, int, ulong, nint*, int>)&SimulationExports.Simulate;
        var members = (delegate* unmanaged<nint, long*, int>)&SimulationExports.Members;
        var shape = (delegate* unmanaged<nint, int, long*, long*, int>)&SimulationExports.MemberShape;
        var copy = (delegate* unmanaged<nint, int, double*, long, int>)&SimulationExports.MemberTable;
        nint run, single;
        Assert.Equal(0, simulate(problem, 0, 3, 3, 2, 0.01, double.NaN, 1500, double.NaN, 8, 3, 2, 5, &run));
        Assert.Equal(0, simulate(problem, 0, 3, 3, 2, 0.01, double.NaN, 1500, double.NaN, 8, 1, 1, 5, &single));
        long count, rows, columns;
        Assert.Equal(0, members(run, &count));
        Assert.Equal(3, count);

        var expected = Simulator.Run(ThreeMemberSpec());
        double[][] tables = new double[3][];
        for (int m = 0; m < 3; m++)
        {
            Assert.Equal(0, shape(run, m, &rows, &columns));
            Assert.Equal(TrajectoryTable.SingleRunColumns.Count, columns);
            var trajectory = expected.Members[m].Trajectory;
            Assert.Equal(trajectory.Length, rows);
            tables[m] = new double[rows * columns];
            fixed (double* values = tables[m])
                Assert.Equal(0, copy(run, m, values, tables[m].Length));
            for (int r = 0; r < rows; r++)
            {
                Assert.Equal(trajectory[r].Time, tables[m][r * columns]);
                Assert.Equal(trajectory[r].Step, tables[m][r * columns + 1]);
                for (int k = 0; k < Snapshot.StatisticCount; k++) Assert.Equal(trajectory[r].Get((Statistic)k), tables[m][r * columns + 2 + k]);
            }
        }
        Assert.NotEqual(tables[0], tables[1]);

        // Member 0 of the ensemble is the run of one member with the same seed, whose member table is its run table.
        Assert.Equal(0, members(single, &count));
        Assert.Equal(1, count);
        Assert.Equal(0, ((delegate* unmanaged<nint, long*, long*, int>)&SimulationExports.Shape)(single, &rows, &columns));
        var whole = new double[rows * columns];
        var own = new double[rows * columns];
        fixed (double* values = whole)
            Assert.Equal(0, ((delegate* unmanaged<nint, double*, long, int>)&SimulationExports.Table)(single, values, whole.Length));
        fixed (double* values = own)
            Assert.Equal(0, copy(single, 0, values, own.Length));
        Assert.Equal(whole, own);
        Assert.Equal(tables[0], own);

        // Every failure is a status and one line.
        Assert.Equal(1, shape(run, 3, &rows, &columns));
        Assert.Equal("member must lie in [0, 3) (got 3).", LastError());
        Assert.Equal(1, shape(run, -1, &rows, &columns));
        Assert.Equal(1, shape(run, 0, null, &columns));
        Assert.Contains("null pointer", LastError());
        fixed (double* values = tables[1])
        {
            Assert.Equal(1, copy(run, 1, values, tables[1].Length - 1));
            Assert.Equal($"values must have length {tables[1].Length} (got {tables[1].Length - 1}).", LastError());
            Assert.Equal(2, copy(problem, 0, values, tables[1].Length));
            Assert.Contains("not a handle of kind run", LastError());
        }
        Assert.Equal(1, copy(run, 1, null, tables[1].Length));
        Assert.Equal(1, members(run, null));
        Free(&SimulationExports.Free, single);
        Free(&SimulationExports.Free, run);
        Assert.Equal(2, members(run, &count)); // freed
        Free(&ProblemExports.Free, problem);
    }

    [Fact]
    public void BadHandlesAndLengthsReturnStatusAndMessageNeverThrow()
    {
        var step = (delegate* unmanaged<nint, double*, long, long, int>)&EngineExports.Step;
        var w = new double[D];
        fixed (double* p = w)
        {
            Assert.Equal(2, step(123456789, p, D, 1));
            Assert.Contains("not live", LastError());
            nint problem = PowerLaw();
            Assert.Equal(2, step(problem, p, D, 1)); // a problem is not an engine
            Assert.Contains("not a handle of kind engine", LastError());
            nint engine = Engine(problem, 3, 3, 1);
            Assert.Equal(1, step(engine, p, D - 1, 1));
            Assert.Equal($"w must have length {D} (got {D - 1}).", LastError());
            Assert.Equal(1, step(engine, null, D, 1));
            Assert.Contains("null pointer", LastError());
            w[3] = double.NaN;
            Assert.Equal(1, step(engine, p, D, 1));
            Assert.Equal("w[3] is NaN; it must be finite.", LastError());
            Free(&EngineExports.Free, engine);
            Assert.Equal(2, ((delegate* unmanaged<nint, int>)&EngineExports.Free)(engine)); // freed twice
            Free(&ProblemExports.Free, problem);
        }
    }

    private static void AssertSameSteps(int kind, int source, int batch, EngineKind engineKind, GaussianSourceKind sourceKind)
    {
        nint problem = PowerLaw();
        nint engine = Engine(problem, kind, source, batch);
        var w = new double[D];
        var step = (delegate* unmanaged<nint, double*, long, long, int>)&EngineExports.Step;
        fixed (double* p = w)
        {
            Assert.Equal(0, ((delegate* unmanaged<nint, double*, long, int>)&ProblemExports.InitialPoint)(problem, p, D));
            Assert.Equal(0, step(engine, p, D, 700));
            Assert.Equal(0, step(engine, p, D, 300));
        }

        var reference = new Problem(Spec());
        using var expected = SgdEngines.Create(engineKind, reference, new SgdSettings(batch, 0.01), GaussianSources.Create(sourceKind, 9, 1));
        var v = reference.CopyInitialPoint();
        for (int i = 0; i < 1000; i++) expected.Step(v);
        Assert.Equal(v, w); // exact equality of every coordinate
        Free(&EngineExports.Free, engine);
        Free(&ProblemExports.Free, problem);
    }

    private static ProblemSpec Spec() => new(D, 1.5, ProblemSeed: 4);

    private static nint PowerLaw()
    {
        nint problem;
        var create = (delegate* unmanaged<int, double, int, double, int, ulong, nint*, int>)&ProblemExports.PowerLaw;
        Assert.Equal(0, create(D, 1.5, 1, 0, 0, 4, &problem));
        return problem;
    }

    private static nint Engine(nint problem, int kind, int source, int batch)
    {
        nint engine;
        var create = (delegate* unmanaged<nint, int, int, int, double, double, ulong, int, nint*, int>)&EngineExports.Create;
        Assert.Equal(0, create(problem, kind, source, batch, 0.01, double.NaN, 9, 1, &engine));
        return engine;
    }

    private static void Free(delegate* unmanaged<nint, int> free, nint handle) => Assert.Equal(0, free(handle));

    private static string LastError() => Marshal.PtrToStringUTF8((nint)((delegate* unmanaged<byte*>)&LibraryExports.LastErrorMessage)())!;

    // The run the ABI calls above ask for, as the C# spec their tables are compared with.
    private static SimulationSpec ThreeMemberSpec() => new()
    {
        Problem = Spec(),
        Engine = EngineKind.Projected,
        Gaussians = GaussianSourceKind.Ziggurat,
        BatchSize = 2,
        LearningRate = 0.01,
        Steps = 1500,
        Records = 8,
        Seeds = 3,
        Seed = 5,
    };
}
