namespace FastPR.Core;

/// <summary>Reference population GD: w ← w − η∇L(w), plain loops. One step covers time η.</summary>
public sealed class PopulationGradientDescent : IScheduledStepper
{
    private readonly double[] _gradient;

    /// <summary>Creates the stepper with step size η &gt; 0.</summary>
    public PopulationGradientDescent(Problem problem, double eta)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        Guard.FinitePositive(eta, "eta");
        TimePerStep = eta;
        _gradient = new double[problem.Dimension];
    }

    /// <inheritdoc />
    public string Name => "gd";
    /// <inheritdoc />
    public Problem Problem { get; }
    /// <inheritdoc />
    public double TimePerStep { get; }

    /// <inheritdoc />
    public void Step(Span<double> w)
    {
        PopulationGradient.Compute(Problem, w, _gradient);
        for (int i = 0; i < w.Length; i++) w[i] -= TimePerStep * _gradient[i];
    }

    /// <inheritdoc />
    /// <remarks>η here is this step's alone; plain <see cref="Step(Span{double})"/> keeps the η given at construction.</remarks>
    public void Step(Span<double> w, double learningRate)
    {
        PopulationGradient.Compute(Problem, w, _gradient);
        for (int i = 0; i < w.Length; i++) w[i] -= learningRate * _gradient[i];
    }

    /// <inheritdoc />
    public void Dispose() { }
}
