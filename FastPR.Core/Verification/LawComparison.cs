namespace FastPR.Core;

/// <summary>
/// Agreement in law between two samplers of the same SGD (docs/MODEL.md §6): the explicit B×d minibatch and the projected d + 2B one
/// cannot agree sample by sample, so their distributions are compared.
/// <list type="bullet">
/// <item>One step from a fixed generic w: the spread of Δw around its exact mean −η∇L, in total and outside span{Qw, Qw*}, where only
/// the orthogonal noise term reaches (a sampler that drops it has zero there); and the component of Δw along Qw*.</item>
/// <item>A noise-dominated ensemble: the final s, u and MSE over independent members.</item>
/// </list>
/// </summary>
internal static class LawComparison
{
    /// <summary>Moments of one step's Δw over independent draws.</summary>
    /// <param name="Total">‖Δw − E Δw‖².</param>
    /// <param name="Orthogonal">The same outside span{Qw, Qw*}.</param>
    /// <param name="AlongTeacher">Δw·Qw*/‖Qw*‖.</param>
    public sealed record OneStepLaw(SampleMoments Total, SampleMoments Orthogonal, SampleMoments AlongTeacher);

    /// <summary>
    /// Measures the one-step law at <paramref name="w"/>: <paramref name="engineForChunk"/> builds an engine (with its own stream) for
    /// each of <paramref name="chunks"/> parallel chunks; every sample restarts from w.
    /// </summary>
    public static OneStepLaw OneStep(Problem problem, ReadOnlySpan<double> w, double eta, Func<int, ISgdEngine> engineForChunk, int samples, int chunks = 8)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(engineForChunk);
        int d = problem.Dimension;
        Guard.Length(w.Length, d, nameof(w));
        Guard.AtLeast(chunks, 1, nameof(chunks));
        Guard.AtLeast(samples, 2 * chunks, nameof(samples));
        var start = w.ToArray();
        var mean = new double[d];
        PopulationGradient.Compute(problem, start, mean);
        for (int i = 0; i < d; i++) mean[i] *= -eta;
        var qw = new double[d];
        for (int i = 0; i < d; i++) qw[i] = problem.Spectrum.Lambda[i] * start[i];
        var basis = Orthonormalize(problem.QTeacher.ToArray(), qw);
        var total = new double[samples];
        var orthogonal = new double[samples];
        var along = new double[samples];
        int perChunk = samples / chunks;
        Parallel.For(0, chunks, chunk =>
        {
            using var engine = engineForChunk(chunk);
            var state = new double[d];
            var deviation = new double[d];
            int end = chunk == chunks - 1 ? samples : (chunk + 1) * perChunk;
            for (int n = chunk * perChunk; n < end; n++)
            {
                start.CopyTo(state, 0);
                engine.Step(state);
                for (int i = 0; i < d; i++) deviation[i] = state[i] - start[i] - mean[i];
                total[n] = Dot(deviation, deviation);
                along[n] = Dot(basis[0], deviation) + Dot(basis[0], mean);
                foreach (var q in basis)
                {
                    double c = Dot(q, deviation);
                    for (int i = 0; i < d; i++) deviation[i] -= c * q[i];
                }
                orthogonal[n] = Dot(deviation, deviation);
            }
        });
        return new OneStepLaw(SampleMoments.Of(total), SampleMoments.Of(orthogonal), SampleMoments.Of(along));
    }

    /// <summary>
    /// Runs <paramref name="members"/> independent members (<paramref name="engineForMember"/> builds member m's engine) for
    /// <paramref name="steps"/> steps from w(0) and returns the moments of the final s, u and MSE.
    /// </summary>
    public static (SampleMoments S, SampleMoments U, SampleMoments Mse) FinalStatistics(Problem problem, Func<int, ISgdEngine> engineForMember, int members, long steps)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(engineForMember);
        Guard.AtLeast(members, 2, nameof(members));
        var finals = new Snapshot[members];
        Parallel.For(0, members, m =>
        {
            using var engine = engineForMember(m);
            var w = problem.CopyInitialPoint();
            for (long step = 0; step < steps; step++) engine.Step(w);
            finals[m] = new ModelStatistics(problem).Snapshot(w, steps * engine.TimePerStep, steps);
        });
        return (SampleMoments.Of(finals.Select(f => f.S).ToArray()), SampleMoments.Of(finals.Select(f => f.U).ToArray()),
            SampleMoments.Of(finals.Select(f => f.Mse).ToArray()));
    }

    private static double[][] Orthonormalize(params double[][] vectors)
    {
        var basis = new List<double[]>();
        foreach (var v in vectors)
        {
            var e = (double[])v.Clone();
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (var q in basis)
                {
                    double c = Dot(q, e);
                    for (int i = 0; i < e.Length; i++) e[i] -= c * q[i];
                }
            }
            double norm = Math.Sqrt(Dot(e, e));
            if (norm > 1e-12 * Math.Sqrt(Dot(v, v))) basis.Add(e.Select(x => x / norm).ToArray());
        }
        return basis.ToArray();
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
