namespace FastPR.Core;

/// <summary>Reference gradient flow ẇ = −∇L(w), integrated by classical RK4 with a fixed step h.</summary>
public sealed class GradientFlowRk4 : IStepper
{
    private readonly double[] _k1, _k2, _k3, _k4, _stage;

    /// <summary>Creates the integrator with step h &gt; 0.</summary>
    public GradientFlowRk4(Problem problem, double h)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        Guard.FinitePositive(h, "h");
        TimePerStep = h;
        int d = problem.Dimension;
        _k1 = new double[d]; _k2 = new double[d]; _k3 = new double[d]; _k4 = new double[d]; _stage = new double[d];
    }

    /// <inheritdoc />
    public string Name => "flow-rk4";
    /// <inheritdoc />
    public Problem Problem { get; }
    /// <inheritdoc />
    public double TimePerStep { get; }

    /// <inheritdoc />
    public void Step(Span<double> w)
    {
        double h = TimePerStep;
        Velocity(w, _k1);
        Stage(w, _k1, h / 2);
        Velocity(_stage, _k2);
        Stage(w, _k2, h / 2);
        Velocity(_stage, _k3);
        Stage(w, _k3, h);
        Velocity(_stage, _k4);
        for (int i = 0; i < w.Length; i++) w[i] += h / 6 * (_k1[i] + 2 * _k2[i] + 2 * _k3[i] + _k4[i]);
    }

    /// <summary>ẇ = −∇L(w).</summary>
    private void Velocity(ReadOnlySpan<double> w, Span<double> velocity)
    {
        PopulationGradient.Compute(Problem, w, velocity);
        for (int i = 0; i < velocity.Length; i++) velocity[i] = -velocity[i];
    }

    private void Stage(ReadOnlySpan<double> w, ReadOnlySpan<double> k, double h)
    {
        for (int i = 0; i < w.Length; i++) _stage[i] = w[i] + h * k[i];
    }

    /// <inheritdoc />
    public void Dispose() { }
}
