using FastPR.Core;

namespace FastPR.Tests.Theory;

public class TheorySummaryTests
{
    [Fact]
    public void SummarisesAProblem()
    {
        var problem = new Problem(new ProblemSpec(1000, 2, ProblemSeed: 2));
        var summary = TheorySummary.For(problem);
        var phaseOne = PhaseOnePrediction.For(problem);
        Assert.Equal(problem.Spectrum.Lambda1, summary.Lambda1);
        Assert.Equal(problem.Spectrum.HarmonicNumber, summary.Hda);
        Assert.Equal(problem.SigmaStarSquared, summary.SigmaStarSq);
        Assert.Equal(1.0, summary.SStar, 12);
        Assert.Equal(phaseOne.InitialOverlap, summary.U0);
        Assert.Equal(phaseOne.Rho, summary.Rho);
        Assert.Equal(phaseOne.Residue, summary.C);
        Assert.Equal(Math.Log(GrowthRate.EscapeThreshold / Math.Abs(phaseOne.Residue)) / phaseOne.Rho, summary.T1Predicted!.Value, 14);
        Assert.Equal(summary.Hda!.Value * 1e6 / 8, summary.CutoffTime!.Value, 6);
        Assert.Equal(-0.5, summary.TeacherAveragedExponent);
        Assert.Equal(-0.25, summary.BoundExponent);
    }

    [Fact]
    public void LeavesOutWhatDoesNotApply()
    {
        var spec = new ProblemSpec(20, 0);
        var initial = new double[20];
        initial[0] = 1;
        var summary = TheorySummary.For(new Problem(spec, new double[20], initial)); // no teacher weight: no ρ
        Assert.Null(summary.Rho);
        Assert.Null(summary.C);
        Assert.Null(summary.T1Predicted);
        Assert.Null(summary.CutoffTime); // a = 0
        Assert.Null(summary.TeacherAveragedExponent);
        Assert.Null(summary.BoundExponent);
    }

    [Fact]
    public void UnnormalisedCutoffIsDToTheAOver8()
    {
        var spectrum = Spectrum.PowerLaw(100, 2, normalized: false);
        Assert.Equal(1e4 / 8, spectrum.CutoffTime, 9);
    }
}
