namespace OpenLedger.Actors.Domain.Training;

/// <summary>
/// The Newton step could not be computed: the Hessian was not numerically positive definite (its Cholesky
/// factorisation met a pivot ≤ 0 or not finite), typically with λ tiny and separable data. Deterministic: the same
/// data and λ fail the same way, so retrying does not help; a larger λ does.
/// </summary>
public sealed class TrainingNumericalFailureException(int iteration, Exception inner)
    : Exception($"The Hessian at Newton step {iteration} is not numerically positive definite ({inner.Message}); train with a larger λ.", inner)
{
    public int Iteration { get; } = iteration;
}
