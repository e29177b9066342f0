namespace OpenLedger.Actors.Domain.Training;

/// <summary>Settings of the built-in trainer.</summary>
public sealed record TrainerOptions
{
    /// <summary>L2 strength λ, applied to all parameters (bias included).</summary>
    public double Lambda { get; init; } = 0.01;

    /// <summary>Stop when the Euclidean norm of ∇J is at or below this.</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    public int MaxIterations { get; init; } = 100;

    /// <summary>Keep θ before every Newton step (see <see cref="TrainingResult.Checkpoints"/>).</summary>
    public bool RecordCheckpoints { get; init; }

    /// <summary>Called on the training thread after each Newton step with the steps taken so far.</summary>
    public Action<int>? StepTaken { get; init; }

    public void Validate()
    {
        if (!(Lambda > 0) || !double.IsFinite(Lambda)) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "λ must be a positive finite number.");
        if (!(GradientTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, "The gradient tolerance must be positive.");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "At least one iteration is needed.");
    }
}
