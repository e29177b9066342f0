namespace OpenLedger.Actors.Domain.Training;

/// <summary>The solver stopped before reaching the gradient tolerance.</summary>
public sealed class TrainingDidNotConvergeException(double gradientNorm, double tolerance, int iterations)
    : Exception($"Training stopped after {iterations} iterations with ‖∇J‖ = {gradientNorm:E3} > {tolerance:E1}.")
{
    public double GradientNorm { get; } = gradientNorm;
}
