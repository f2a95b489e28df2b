using FastPR.Core;
using Xunit.Abstractions;

namespace FastPR.Tests.Dynamics;

/// <summary>
/// Population GD is the explicit Euler scheme of the gradient flow, so at a fixed time its error against an accurate flow is
/// first order: E(η) ≈ C·η. Halving η must halve the error, ratio E(η)/E(η/2) = 2 + O(η); the band [1.8, 2.2] allows the O(η)
/// term and nothing else (a wrong time scale or an O(1) bias gives a ratio near 1).
/// Flow reference: RK4 with h = 10^-3 (global error ~ h^4, far below the GD errors).
/// </summary>
public class GradientDescentVsFlowTests(ITestOutputHelper output)
{
    private const int Dimension = 50;
    private const double Exponent = 1.5;
    private const double Horizon = 4.0;

    [Fact]
    public void GdErrorAgainstFlowShrinksLinearlyInEta()
    {
        var problem = CoreTestMath.MakeProblem(Dimension, Exponent, seed: 21);
        var statistics = new ModelStatistics(problem);
        double[] flow = Integrate(new GradientFlowRk4(problem, 1e-3), problem);
        var atHorizon = statistics.Snapshot(flow, Horizon, 0);
        var start = statistics.Snapshot(problem.InitialPoint, 0, 0);
        output.WriteLine($"flow: u {start.U:G4} → {atHorizon.U:G6}, s {start.S:G4} → {atHorizon.S:G6} at t = {Horizon}");
        Assert.True(Math.Abs(atHorizon.U) > 5 * Math.Abs(start.U), "the horizon must reach into the escape");

        double previous = double.NaN;
        foreach (double eta in new[] { 0.02, 0.01, 0.005 })
        {
            double[] gd = Integrate(new PopulationGradientDescent(problem, eta), problem);
            double error = CoreTestMath.Distance(gd, flow);
            double ratio = previous / error;
            output.WriteLine($"η = {eta}: ‖w_GD − w_flow‖ = {error:E4}, ratio to previous η {ratio:F4}");
            if (!double.IsNaN(previous)) Assert.InRange(ratio, 1.8, 2.2);
            previous = error;
        }
    }

    private static double[] Integrate(IStepper stepper, Problem problem)
    {
        double[] w = problem.CopyInitialPoint();
        long steps = (long)Math.Round(Horizon / stepper.TimePerStep);
        Assert.Equal(Horizon, steps * stepper.TimePerStep, 1e-12);
        for (long n = 0; n < steps; n++) stepper.Step(w);
        stepper.Dispose();
        return w;
    }
}
