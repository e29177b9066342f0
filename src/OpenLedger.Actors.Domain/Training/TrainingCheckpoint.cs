namespace OpenLedger.Actors.Domain.Training;

/// <summary>
/// The parameters at one point of a training run: θ (C×D row-major) before step <paramref name="Step"/>
/// (0-based) and the step length the line search then accepted.
/// </summary>
public sealed record TrainingCheckpoint(int Step, double[] Theta, double StepLength);
