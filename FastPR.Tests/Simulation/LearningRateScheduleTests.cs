using FastPR.Core;

namespace FastPR.Tests.Simulation;

/// <summary>
/// Learning-rate schedules (docs/MODEL.md §3.9): the text forms and their canonical round trip, refusals, the shapes, and the clock's
/// two sides (steps summed, and the continuum the sgd-ode uses) agreeing; the sgd-ode under a schedule against a fine fixed-step
/// integration through the breakpoints; SGD and sgd-ode runs under the same schedule.
/// </summary>
public sealed class LearningRateScheduleTests
{
    public static TheoryData<string> Forms() => new()
    {
        "cosine", "cosine:warmup=0.1,final=0.05", "wsd:warmup=0.05,stable=0.75,shape=cosine", "wsd:stable=0.5,decay=0.3,shape=sqrt,final=0.1",
        "step:2=0.5,5=0.1", "power:t0=1.5,beta=0.6", "pairs:constant:0=0.01,3=0.004,6=0.001", "pairs:linear:0=0.002,2=0.01,8=0.001",
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Text_RoundTripsThroughTheCanonicalForm(string text)
    {
        var schedule = LearningRateSchedule.Parse(text);
        Assert.False(schedule.IsConstant);
        var again = LearningRateSchedule.Parse(schedule.Text);
        Assert.Equal(schedule, again);
        Assert.Equal(schedule.Text, again.Text);
    }

    [Fact]
    public void GridSpelling_IsTheSameSchedule()
    {
        Assert.Equal(LearningRateSchedule.Parse("wsd:warmup=0.05,stable=0.75,shape=cosine"), LearningRateSchedule.Parse("wsd_warmup_0.05_stable_0.75_shape_cosine"));
        Assert.Equal(LearningRateSchedule.Parse("step:100=0.5,200=0.1"), LearningRateSchedule.Parse("step_100_0.5_200_0.1"));
        Assert.Equal(LearningRateSchedule.Parse("pairs:linear:0=1e-3,10=5e-4"), LearningRateSchedule.Parse("pairs_linear_0_1e-3_10_5e-4"));
        Assert.Same(LearningRateSchedule.Constant, LearningRateSchedule.Parse("constant"));
    }

    [Theory]
    [InlineData("cosine:warmup=1.5", "longer than the run")]
    [InlineData("cosine:warmup=1", "as long as the run")]
    [InlineData("wsd:warmup=0.5,stable=0.6", "exceeds the run")]
    [InlineData("wsd:warmup=0.1", "needs stable")]
    [InlineData("cosine:final=-0.1", "negative")]
    [InlineData("step:10=0.5,5=0.1", "out of order")]
    [InlineData("step:10=-0.5", "must be finite and > 0")]
    [InlineData("step:10=NaN", "must be finite and > 0")]
    [InlineData("pairs:linear:0=1e-3,0=2e-3", "out of order")]
    [InlineData("pairs:constant:0=-1e-3", "must be finite and > 0")]
    [InlineData("pairs:0=1e-3", "interpolation")]
    [InlineData("power:t0=0,beta=1", "t0")]
    [InlineData("power:t0=1,beta=inf", "finite")]
    [InlineData("adam", "unknown schedule")]
    [InlineData("cosine:warmup=0.1,warmup=0.2", "twice")]
    public void BadSchedules_AreRefusedInOneLine(string text, string why)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => LearningRateSchedule.Parse(text));
        Assert.Equal("schedule", ex.ParamName);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ExceptionText.WithoutParameterSuffix(ex));
        var field = Assert.Throws<RunFieldException>(() => RunFields.Find("schedule")!.With(SimulationSpec.Default, text));
        Assert.Equal("schedule", field.ParamName);
    }

    [Fact]
    public void Shapes_HaveTheirValues()
    {
        var cosine = LearningRateSchedule.Parse("cosine:final=0.1");
        Assert.Equal(1, cosine.FactorAtFraction(0), 15);
        Assert.Equal(0.55, cosine.FactorAtFraction(0.5), 14);
        Assert.Equal(0.1, cosine.FactorAtFraction(1), 15);
        var wsd = LearningRateSchedule.Parse("wsd:warmup=0.1,stable=0.5,shape=sqrt");
        Assert.Equal(0.5, wsd.FactorAtFraction(0.05), 15);
        Assert.Equal(1, wsd.FactorAtFraction(0.3));
        Assert.Equal(1 - Math.Sqrt(0.5), wsd.FactorAtFraction(0.8), 14);
        Assert.Equal(0, wsd.FactorAtFraction(1), 15);
        var power = LearningRateSchedule.Parse("power:t0=2,beta=0.5");
        Assert.Equal(1e-2 / Math.Sqrt(3), power.StepSizeAtTime(1e-2, 4), 15);
        var step = LearningRateSchedule.Parse("step:1=0.5,3=0.1");
        Assert.Equal([1e-2, 5e-3, 5e-3, 1e-3], new[] { 0.5, 1, 2.9, 3 }.Select(t => step.StepSizeAtTime(1e-2, t)));
        var linear = LearningRateSchedule.Parse("pairs:linear:1=0.01,3=0.02");
        Assert.Equal([0.01, 0.015, 0.02], new[] { 0.0, 2, 9 }.Select(t => linear.StepSizeAtTime(1, t)));
    }

    // The integrals behind the continuum clock against a fine midpoint sum of the factor / of 1/η.
    [Theory]
    [MemberData(nameof(Forms))]
    public void ClosedFormIntegrals_MatchQuadrature(string text)
    {
        var schedule = LearningRateSchedule.Parse(text);
        const int n = 180_000; // h = 5e-5 for t ∈ [0, 9]: the jumps at whole times fall on the grid, not inside a midpoint cell
        double end = schedule.IsShapedBySteps ? 1 : 9, sum = 0, h = end / n;
        for (int i = 0; i < n; i++)
        {
            double x = (i + 0.5) * h;
            sum += schedule.IsShapedBySteps ? schedule.FactorAtFraction(x) * h : h / schedule.StepSizeAtTime(1e-2, x);
        }
        double closed = schedule.IsShapedBySteps ? schedule.IntegralToFraction(end) : schedule.StepsToTime(1e-2, end);
        Assert.True(Math.Abs(closed - sum) <= 1e-6 * Math.Abs(sum), $"{closed} vs {sum}");
    }

    // t_N = Σ η_k of the steps against the continuum horizon, and η of the last steps against η(t) there.
    [Theory]
    [MemberData(nameof(Forms))]
    public void SteppedClock_AgreesWithItsContinuum(string text)
    {
        const long steps = 20_000;
        var clock = new StepSizeClock(LearningRateSchedule.Parse(text), 1e-3, steps);
        double last = 0;
        for (long k = 0; k < steps; k++) last = clock.Next();
        Assert.Equal(steps, clock.Step);
        Assert.True(Math.Abs(clock.Time - clock.Horizon) <= 2e-3 * clock.Horizon, $"t_N = {clock.Time}, horizon {clock.Horizon}");
        double continuum = clock.StepSizeAt(clock.Time - 0.5 * last);
        Assert.True(Math.Abs(continuum - last) <= 2e-3 * 1e-3 + 0.02 * last, $"η_N = {last}, η(t) = {continuum}");
        // Replaying to a step gives the same bits as stepping there.
        var replay = new StepSizeClock(LearningRateSchedule.Parse(text), 1e-3, steps);
        replay.AdvanceTo(steps);
        Assert.Equal(clock.Time, replay.Time);
    }

    [Fact]
    public void Breakpoints_AreTheTimesOfTheShapesCorners()
    {
        var clock = new StepSizeClock(LearningRateSchedule.Parse("wsd:warmup=0.1,stable=0.5,decay=0.3"), 1e-3, 10_000);
        // t at p: warm-up 10·0.1/2 = 0.5, stable end 0.5 + 5 = 5.5, decay end 5.5 + 3/2 = 7; the horizon 7 is not a breakpoint.
        Assert.Equal([0.5, 5.5], clock.Breakpoints.Select(b => Math.Round(b, 12)));
        Assert.Equal(7, clock.Horizon, 12);
        var step = new StepSizeClock(LearningRateSchedule.Parse("step:2=0.5,50=0.1"), 1e-3, 10_000);
        Assert.Equal([2.0], step.Breakpoints);
        Assert.Equal(2, step.NextBreakpoint(1));
        Assert.Equal(double.PositiveInfinity, step.NextBreakpoint(2));
    }

    // The sgd-ode's leaps under a schedule (stopping at breakpoints, η frozen at each leap's midpoint) against the same equations
    // integrated in fixed steps 1/4000 of the horizon, through a jump (step) and the corners of a wsd schedule.
    [Theory]
    [InlineData("step:1=0.3,4=0.05")]
    [InlineData("wsd:warmup=0.1,stable=0.4,shape=linear")]
    [InlineData("cosine:warmup=0.05,final=0")]
    public void SgdOde_UnderASchedule_MatchesAFineFixedStepIntegration(string text)
    {
        var problem = new Problem(new ProblemSpec(120, 2.0, Sigma: 0.3, ProblemSeed: 4));
        var settings = new SgdSettings(1, 0.02);
        var clock = new StepSizeClock(LearningRateSchedule.Parse(text), settings.LearningRate, 400);
        double horizon = clock.Horizon;

        var leaps = new LogTimeSgdOdeIntegrator(problem, settings, clock: clock);
        var m = problem.CopyInitialPoint();
        Assert.True(leaps.Advance(m, 0, horizon));
        var byLeaps = leaps.Snapshot(m, horizon, 0);

        var fine = new LogTimeSgdOdeIntegrator(problem, settings, clock: clock);
        var f = problem.CopyInitialPoint();
        const int pieces = 4000;
        for (int i = 0; i < pieces; i++) Assert.True(fine.Advance(f, horizon * i / pieces, horizon * (i + 1) / pieces));
        var byFine = fine.Snapshot(f, horizon, 0);

        Assert.True(fine.LeapCount > 2 * leaps.LeapCount, $"{fine.LeapCount} fine steps vs {leaps.LeapCount} leaps");
        Assert.True(Math.Abs(byLeaps.Mse - byFine.Mse) <= 2e-3 * byFine.Mse, $"MSE {byLeaps.Mse} vs fine {byFine.Mse}");
        Assert.True(Math.Abs(byLeaps.U - byFine.U) <= 2e-3 * Math.Abs(byFine.U), $"u {byLeaps.U} vs fine {byFine.U}");

        // The schedule matters at this η: the constant-η equations end elsewhere.
        var constant = new LogTimeSgdOdeIntegrator(problem, settings);
        var c = problem.CopyInitialPoint();
        Assert.True(constant.Advance(c, 0, horizon));
        Assert.True(Math.Abs(constant.Snapshot(c, horizon, 0).Mse - byFine.Mse) > 20 * Math.Abs(byLeaps.Mse - byFine.Mse));
    }

    [Fact]
    public void ScheduledSgdRun_EndsAtTheSumOfItsSteps_AndTheFlowRefusesASchedule()
    {
        var spec = new SimulationSpec
        {
            Problem = new ProblemSpec(60, 2.0, Sigma: 0.2, ProblemSeed: 3),
            LearningRate = 1e-2,
            Steps = 2000,
            Records = 20,
            Seeds = 2,
            Threads = 1,
            Engine = EngineKind.Projected,
            Schedule = LearningRateSchedule.Parse("cosine:warmup=0.1,final=0"),
            Predictions = false,
        };
        var result = Simulator.Run(spec);
        Assert.Equal(RunStatus.Completed, result.Status);
        var clock = spec.NewClock()!;
        clock.AdvanceTo(2000);
        Assert.Equal(clock.Time, result.Trajectory[^1].Time);
        Assert.Equal(clock.Time, result.Ensemble!.Times[^1]);
        Assert.True(clock.Time < 0.6 * 20, $"t_N = {clock.Time}"); // the schedule's mean factor is about 0.5
        var summary = RunSummary.Build(result);
        Assert.Equal(2000, summary.Run.StepsTaken);
        Assert.True(summary.Run.FinalEta < 1e-5, $"final η {summary.Run.FinalEta}");

        var ex = Assert.ThrowsAny<ArgumentException>(() => (spec with { Algorithm = AlgorithmKind.Flow, Seeds = 1 }).Validate());
        Assert.Equal(nameof(SimulationSpec.Schedule), ex.ParamName);
    }
}
