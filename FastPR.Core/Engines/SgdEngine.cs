namespace FastPR.Core;

/// <summary>Shared plumbing of SGD engines: settings, the owned Gaussian source and the per-step draw buffer.</summary>
public abstract class SgdEngine : ISgdEngine, IResumable
{
    private readonly ArraySegment<double> _draws;
    private double _stepSize; // η of the current step: η₀ until a scheduled step sets another

    /// <summary>Validates the settings and allocates the draw buffer once.</summary>
    protected SgdEngine(Problem problem, SgdSettings settings, IGaussianSource source, int gaussiansPerStep)
        : this(problem, settings, source, gaussiansPerStep, alignedDraw: 0) { }

    /// <summary>
    /// As above, with element <paramref name="alignedDraw"/> of the draw buffer on a cache line (the start of the part the
    /// update streams most; see <see cref="CacheAligned"/>).
    /// </summary>
    private protected SgdEngine(Problem problem, SgdSettings settings, IGaussianSource source, int gaussiansPerStep, int alignedDraw)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(source);
        settings.Validate();
        Problem = problem;
        BatchSize = settings.BatchSize;
        LearningRate = settings.LearningRate;
        _stepSize = settings.LearningRate;
        Source = source;
        GaussiansPerStep = gaussiansPerStep;
        _draws = CacheAligned.Allocate<double>(gaussiansPerStep, alignedDraw);
    }

    /// <inheritdoc />
    public abstract string Name { get; }
    /// <inheritdoc />
    public Problem Problem { get; }
    /// <inheritdoc />
    public int BatchSize { get; }
    /// <inheritdoc />
    public double LearningRate { get; }
    /// <inheritdoc />
    public int GaussiansPerStep { get; }
    /// <inheritdoc />
    public double TimePerStep => LearningRate;
    /// <summary>The source this engine draws from; disposed with the engine.</summary>
    public IGaussianSource Source { get; }

    /// <inheritdoc />
    /// <remarks>Draws the whole step into one buffer, then updates. Engines may override to draw and consume the
    /// same stream in blocks, provided the result equals <see cref="Update(Span{double}, ReadOnlySpan{double})"/> on that stream up to rounding.</remarks>
    public virtual void Step(Span<double> w)
    {
        Source.Fill(_draws);
        Update(w, _draws);
    }

    /// <inheritdoc />
    public abstract void Update(Span<double> w, ReadOnlySpan<double> gaussians);

    /// <inheritdoc />
    public void Step(Span<double> w, double learningRate)
    {
        SetStepSize(learningRate);
        Step(w);
    }

    /// <inheritdoc />
    public void Update(Span<double> w, ReadOnlySpan<double> gaussians, double learningRate)
    {
        SetStepSize(learningRate);
        Update(w, gaussians);
    }

    /// <summary>The step size of the current step: <see cref="LearningRate"/> unless a scheduled step set another.</summary>
    protected double StepSize => _stepSize;

    /// <summary>Called when <see cref="StepSize"/> changes, for engines that keep factors of it.</summary>
    private protected virtual void OnStepSizeChanged() { }

    private void SetStepSize(double learningRate)
    {
        if (learningRate == _stepSize) return;
        if (!double.IsFinite(learningRate) || learningRate < 0)
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The step size must be finite and ≥ 0.");
        _stepSize = learningRate;
        OnStepSizeChanged();
    }

    /// <summary>Throws unless the buffers have the sizes this engine expects.</summary>
    protected void CheckUpdateArguments(Span<double> w, ReadOnlySpan<double> gaussians)
    {
        Guard.Length(w.Length, Problem.Dimension, nameof(w));
        Guard.Length(gaussians.Length, GaussiansPerStep, nameof(gaussians));
    }

    /// <inheritdoc />
    /// <remarks>Between steps an engine's only state is its source's: the rest is workspace each step overwrites.</remarks>
    public bool CanSaveState => Source is IResumable { CanSaveState: true };

    /// <inheritdoc />
    /// <remarks>The engine's name, then its source's state.</remarks>
    public byte[] SaveState()
    {
        if (Source is not IResumable { CanSaveState: true } source)
            throw new NotSupportedException($"The Gaussian source {Source.Name} cannot save its state, so engine {Name} cannot either.");
        byte[] name = System.Text.Encoding.UTF8.GetBytes(Name);
        byte[] inner = source.SaveState();
        var state = new byte[1 + name.Length + inner.Length];
        state[0] = checked((byte)name.Length);
        name.CopyTo(state, 1);
        inner.CopyTo(state, 1 + name.Length);
        return state;
    }

    /// <inheritdoc />
    public void RestoreState(ReadOnlySpan<byte> state)
    {
        if (Source is not IResumable source)
            throw new NotSupportedException($"The Gaussian source {Source.Name} cannot restore a state, so engine {Name} cannot either.");
        byte[] name = System.Text.Encoding.UTF8.GetBytes(Name);
        if (state.Length < 1 + name.Length || state[0] != name.Length || !state.Slice(1, name.Length).SequenceEqual(name))
            throw new ArgumentException($"The state is not one of engine {Name}.", nameof(state));
        source.RestoreState(state[(1 + name.Length)..]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the source and any native workspace.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Source.Dispose();
    }
}
