namespace FastPR.Core;

/// <summary>
/// The oracle: a literal, scalar transcription of docs/MODEL.md §3.1 in double precision.
/// For each sample b: x = Q^½ g_b, z = x·w, z* = x·w*, y = z*² + σξ_b, and the gradient gains 4(z² − y)·z·x;
/// then w ← w − η·(gradient)/B. Clarity over speed; allocates nothing per step.
/// </summary>
/// <example>
/// One online-SGD run of 10^4 steps (t = 10), recorded at 50 log-spaced records:
/// <code>
/// var problem = new Problem(new ProblemSpec(Dimension: 1000, Exponent: 2.0, ProblemSeed: 1));
/// using var engine = new ReferenceSgdEngine(problem, new SgdSettings(BatchSize: 1, LearningRate: 1e-3),
///     new ManagedGaussianSource(SeedSequence.RunKey(runSeed: 7, member: 0)));
/// double[] w = problem.CopyInitialPoint();
/// var recorder = TrajectoryRecorder.LogSpaced(totalSteps: 10_000, count: 50);
/// RunResult result = TrajectoryRunner.Run(engine, w, recorder);
/// foreach (Snapshot snapshot in recorder.Snapshots)
///     Console.WriteLine($"{snapshot.Time} {snapshot.U} {snapshot.Mse}");
/// </code>
/// Ensemble member m uses <c>SeedSequence.RunKey(runSeed, m)</c> and the same problem. To hand another engine the very
/// same minibatches, fill a buffer of <see cref="SgdEngine.GaussiansPerStep"/> normals yourself and pass it to
/// <see cref="Update(Span{double}, ReadOnlySpan{double})"/> of both engines.
/// </example>
public sealed class ReferenceSgdEngine : SgdEngine
{
    private readonly double[] _gradient;
    private readonly double[] _x;

    /// <summary>Creates the engine; it owns <paramref name="source"/>.</summary>
    public ReferenceSgdEngine(Problem problem, SgdSettings settings, IGaussianSource source)
        : base(problem, settings, source, ExplicitMinibatch.GaussiansPerStep(problem, settings.BatchSize))
    {
        _gradient = new double[problem.Dimension];
        _x = new double[problem.Dimension];
    }

    /// <inheritdoc />
    public override string Name => "reference";

    /// <inheritdoc />
    public override void Update(Span<double> w, ReadOnlySpan<double> gaussians)
    {
        CheckUpdateArguments(w, gaussians);
        int d = Problem.Dimension, batch = BatchSize;
        ReadOnlySpan<double> g = ExplicitMinibatch.Data(gaussians, Problem, batch);
        ReadOnlySpan<double> noise = ExplicitMinibatch.LabelNoise(gaussians, Problem, batch);
        ReadOnlySpan<double> sqrtLambda = Problem.Spectrum.SqrtLambda, teacher = Problem.Teacher;
        Array.Clear(_gradient);
        for (int b = 0; b < batch; b++)
        {
            double z = 0, zStar = 0;
            for (int i = 0; i < d; i++)
            {
                _x[i] = sqrtLambda[i] * g[b * d + i];
                z += _x[i] * w[i];
                zStar += _x[i] * teacher[i];
            }
            double y = zStar * zStar + (noise.IsEmpty ? 0 : Problem.Sigma * noise[b]);
            double coefficient = 4 * (z * z - y) * z;
            for (int i = 0; i < d; i++) _gradient[i] += coefficient * _x[i];
        }
        double scale = StepSize / batch;
        for (int i = 0; i < d; i++) w[i] -= scale * _gradient[i];
    }
}
