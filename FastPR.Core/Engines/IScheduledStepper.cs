namespace FastPR.Core;

/// <summary>
/// A stepper whose step size may change from step to step (a <see cref="LearningRateSchedule"/>, docs/MODEL.md §3.9): SGD engines,
/// population GD and the sgd-sde. A step at η equals a plain step of a stepper built with η, bit for bit.
/// </summary>
public interface IScheduledStepper : IStepper
{
    /// <summary>
    /// Advances <paramref name="w"/> by one step of size <paramref name="learningRate"/> (η, finite and ≥ 0; the sgd-sde covers
    /// stride·η). Allocates nothing. Later plain <see cref="IStepper.Step"/> calls keep this size.
    /// </summary>
    void Step(Span<double> w, double learningRate);
}
