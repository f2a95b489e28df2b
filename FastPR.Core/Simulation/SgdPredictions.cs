namespace FastPR.Core;

/// <summary>
/// What SGD's own theory predicts for an SGD run (docs/MODEL.md §3.7, §7), beside the flow's: the sgd-ode (Wick closure) run to
/// the same horizon from the same start, and closed forms.
/// </summary>
/// <param name="Status">How the sgd-ode run ended (Diverged: η is beyond its stability edge).</param>
/// <param name="T1">|u| ≥ δ on the sgd-ode trajectory (the mean's escape; SGD's own escape from |u(0)| ~ d^(−½) is noise-driven).</param>
/// <param name="FinalMse">The sgd-ode's MSE at the horizon.</param>
/// <param name="FinalDecay">Its final decay rate (<see cref="FinalDecay"/>).</param>
/// <param name="NoiseFloorLeading">ησ²/B, the leading-order floor of §7 (every coordinate equilibrated).</param>
/// <param name="NoiseFloor">The sgd-ode's floor: its MSE at the horizon when σ &gt; 0 (null for σ = 0, where there is none).</param>
/// <param name="StabilityEdge">Largest stable η of the sgd-ode's (Wick) linearisation at the minimum (<see cref="WickStabilityEdge"/>).</param>
/// <param name="StabilityEdgeHighDimensional">The same for the high-dimensional closure, B/(12 tr Q).</param>
public sealed record SgdPredictions(
    RunStatus Status, double? T1, double? FinalMse, ExponentialFit? FinalDecay, double NoiseFloorLeading, double? NoiseFloor, double StabilityEdge,
    double StabilityEdgeHighDimensional)
{
    /// <summary>
    /// Largest stable η/B of the Wick closure linearised at w* (σ = 0; docs/MODEL.md §3.7). The mean squared errors p_i = e_i² + v_i obey
    /// ṗ_i = −(16λ_i + 32λ_i²w*_i² − 320νλ_i²) p_i + 16νλ_i Σ_j (12λ_j + 48λ_j²w*_j²) p_j, ν = η/B: diagonal plus rank one, stable
    /// while every diagonal term is negative and ν Σ_j 16λ_j(12λ_j + 48λ_j²w*_j²)/(16λ_j + 32λ_j²w*_j² − 320νλ_j²) &lt; 1 (bisection).
    /// </summary>
    public static double WickStabilityEdge(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ReadOnlySpan<double> lambda = problem.Spectrum.Lambda, teacher = problem.Teacher;
        double pole = double.PositiveInfinity;
        for (int i = 0; i < lambda.Length; i++)
            if (lambda[i] > 0) pole = Math.Min(pole, (16 * lambda[i] + 32 * lambda[i] * lambda[i] * teacher[i] * teacher[i]) / (320 * lambda[i] * lambda[i]));
        double low = 0, high = pole;
        for (int iteration = 0; iteration < 200 && high - low > 1e-15 * high; iteration++)
        {
            double nu = 0.5 * (low + high), sum = 0;
            for (int i = 0; i < lambda.Length; i++)
            {
                double l = lambda[i], tt = teacher[i] * teacher[i];
                sum += 16 * l * (12 * l + 48 * l * l * tt) / (16 * l + 32 * l * l * tt - 320 * nu * l * l);
            }
            if (nu * sum < 1) low = nu;
            else high = nu;
        }
        return low;
    }

    /// <summary>
    /// Tolerance of the sgd-ode run behind the predictions: the default of the log-time integrators. Against tolerance 10⁻⁷ it holds
    /// the final MSE, T1 and the final decay rate to 1.5·10⁻⁵ relative or better over nine problems (d 200–4000, a 1–4, σ 0–0.5,
    /// η 10⁻³–0.05, B 1–16, T 1–10⁴; docs/MODEL.md §3.7), below the four digits the table shows and far below the closure's error.
    /// </summary>
    public const double Tolerance = SimulationSpec.DefaultTolerance;

    /// <summary>
    /// Runs the sgd-ode for <paramref name="spec"/> on <paramref name="problem"/> to the spec's horizon. Stopped by
    /// <paramref name="cancellationToken"/> before it, the predictions have status <see cref="RunStatus.Interrupted"/> and none of the
    /// integrated values (T1, final MSE, final decay, floor): a cut-short integration predicts nothing. The closed forms remain.
    /// </summary>
    public static SgdPredictions For(SimulationSpec spec, Problem problem, CancellationToken cancellationToken = default) =>
        For(spec, problem, Tolerance, cancellationToken);

    /// <summary>As <see cref="For(SimulationSpec, Problem, CancellationToken)"/> at another tolerance (for measuring the chosen one).</summary>
    internal static SgdPredictions For(SimulationSpec spec, Problem problem, double tolerance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(problem);
        double sigma = problem.Sigma, traceQ = 0;
        foreach (double l in problem.Spectrum.Lambda) traceQ += l;
        double leading = spec.LearningRate * sigma * sigma / spec.BatchSize;
        double edge = spec.BatchSize * WickStabilityEdge(problem), edgeHighDimensional = spec.BatchSize / (12 * traceQ);
        double[] times = Simulator.FlowTimes(spec.Horizon, spec.Records);
        var integrator = new LogTimeSgdOdeIntegrator(problem, new SgdSettings(spec.BatchSize, spec.LearningRate), SgdOdeClosure.Wick,
            LogTimeOptions.ForTolerance(tolerance), spec.NewClock());
        var m = problem.CopyInitialPoint();
        var sink = new ListSink(times.Length);
        var advancer = new SgdOdeAdvancer(integrator, times);
        var result = RunDriver.Run(ref advancer, problem, m, times.Length, sink, cancellationToken: cancellationToken);
        // Only a prediction integrated to the horizon is one: a cut-short integration predicts nothing.
        if (result.Status == RunStatus.Interrupted) return new SgdPredictions(RunStatus.Interrupted, null, null, null, leading, null, edge, edgeHighDimensional);
        var trajectory = sink.Snapshots.ToArray();
        var phases = SimulationAnalysis.DetectPhases(problem, trajectory, spec.Epsilon);
        double? finalMse = result.Status == RunStatus.Completed && trajectory.Length > 0 ? trajectory[^1].Mse : null;
        return new SgdPredictions(result.Status, phases.Escape, finalMse, Core.FinalDecay.Fit(problem, trajectory), leading,
            sigma > 0 && result.Status == RunStatus.Completed ? finalMse : null, edge, edgeHighDimensional);
    }

    private sealed class ListSink(int capacity) : IRecordSink
    {
        public List<Snapshot> Snapshots { get; } = new(capacity);
        public void Record(in Snapshot snapshot, ReadOnlySpan<double> w) => Snapshots.Add(snapshot);
    }
}
