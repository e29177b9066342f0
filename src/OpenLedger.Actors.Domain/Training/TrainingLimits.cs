using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Training;

/// <summary>
/// What the built-in (exact-Hessian) trainer accepts, governed as protocol parameters. Training costs time ∝ P³ and
/// 16·P² bytes (the Hessian and its Cholesky factor, in doubles) for P = (D + 1)·C parameters, so P is capped; λ is
/// kept in a range where the Hessian stays well conditioned (λ → 0 makes the Cholesky factorisation fail on separable
/// data, a huge λ trains a constant). The checks run before any work, in 64-bit arithmetic (no overflow for any
/// dimension a Datanet may declare).
/// </summary>
/// <param name="MaxParameters">Largest P = (D + 1)·C a model may have.</param>
/// <param name="MinLambda">Smallest L2 strength λ accepted.</param>
/// <param name="MaxLambda">Largest L2 strength λ accepted.</param>
public sealed record TrainingLimits(int MaxParameters, double MinLambda, double MaxLambda)
{
    /// <summary>
    /// 4,096 parameters: the bundled digits (64 features × 10 classes, P = 650) and breast-cancer (30 × 2, P = 62)
    /// models, and a 300-feature 10-class Datanet (P = 3,010: ~140 MB for the Hessian, about a minute of training on one
    /// core) all pass; at 10 classes up to 408 features fit. λ from 10⁻⁸ to 10⁴.
    /// </summary>
    public static TrainingLimits Default { get; } = new(4_096, 1e-8, 1e4);

    /// <summary>The bounds governance itself may set: P up to 16,384 (4 GiB of Hessian and factor), λ within [10⁻¹², 10⁶].</summary>
    public const int HighestMaxParameters = 16_384;
    public const double LowestMinLambda = 1e-12;
    public const double HighestMaxLambda = 1e6;

    /// <summary>P = (D + 1)·C, in 64 bits.</summary>
    public static long ParameterCount(int dimension, int classCount) => ((long)dimension + 1) * classCount;

    /// <summary>The first rule the model breaks, or null: P within the cap, λ finite and in range.</summary>
    public ValidationProblem? Check(int dimension, int classCount, double lambda)
    {
        var parameters = ParameterCount(dimension, classCount);
        if (dimension < 1 || classCount < 2 || parameters > MaxParameters)
            return new("training.too_many_parameters",
                $"A model on {dimension} features and {classCount} classes has P = (D + 1)·C = {parameters:N0} parameters; the governed maximum is {MaxParameters:N0} " +
                $"(at most {MaxParameters / Math.Max(classCount, 2) - 1:N0} features for {classCount} classes). Reduce the dimension or train outside and register the model as external.");
        return CheckLambda(lambda);
    }

    /// <summary>λ finite and within [<see cref="MinLambda"/>, <see cref="MaxLambda"/>].</summary>
    public ValidationProblem? CheckLambda(double lambda) =>
        double.IsFinite(lambda) && lambda >= MinLambda && lambda <= MaxLambda
            ? null
            : new("training.lambda_out_of_range", $"λ must be a finite number in [{MinLambda:G}, {MaxLambda:G}]; got {lambda:G}.");

    /// <summary>Every rule the limits themselves must satisfy (as governed parameters).</summary>
    public IEnumerable<ValidationProblem> Problems()
    {
        if (MaxParameters is < 2 or > HighestMaxParameters)
            yield return new("parameters.max_model_parameters", $"The maximum model parameter count must be between 2 and {HighestMaxParameters:N0}.");
        if (!double.IsFinite(MinLambda) || !double.IsFinite(MaxLambda) || MinLambda < LowestMinLambda || MaxLambda > HighestMaxLambda || MinLambda > MaxLambda)
            yield return new("parameters.lambda_range", $"The λ range must lie within [{LowestMinLambda:G}, {HighestMaxLambda:G}] with its minimum at most its maximum.");
    }
}
