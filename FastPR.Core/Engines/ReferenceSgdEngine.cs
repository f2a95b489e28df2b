using FastPR.Core.Model;
using FastPR.Core.Randomness;

namespace FastPR.Core.Engines;

/// <summary>
/// The oracle: a literal, scalar transcription of MODEL.md §3 in double precision.
/// For each sample b: x = Q^½ g_b, z = x·w, z* = x·w*, y = z*² + σξ_b, and the gradient gains 4(z² − y)·z·x;
/// then w ← w − η·(gradient)/B. Clarity over speed; allocates nothing per step.
/// </summary>
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
        double scale = LearningRate / batch;
        for (int i = 0; i < d; i++) w[i] -= scale * _gradient[i];
    }
}
