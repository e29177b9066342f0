namespace OpenLedger.Actors.Domain.Attribution.Evaluation;

/// <summary>The outcome of <see cref="AttributionEvaluator.Evaluate"/>.</summary>
/// <param name="FullQueryLoss">[query]: the loss of the model trained on all rows.</param>
/// <param name="ActualLossChange">[subset][query]: loss(model retrained on the subset) − loss(full model).</param>
/// <param name="LeaveOneOutRows">The training rows that got a leave-one-out retraining.</param>
/// <param name="Methods">One entry per method, the exact influence functions first.</param>
public sealed record EvaluationReport(
    EvaluationOptions Options,
    int TrainingRows,
    int QueryCount,
    int Dimension,
    int ClassCount,
    int KeptRowsPerSubset,
    double TrainingAccuracy,
    int NewtonSteps,
    double[] FullQueryLoss,
    double[][] ActualLossChange,
    int[] LeaveOneOutRows,
    IReadOnlyList<MethodQuality> Methods,
    TimeSpan Elapsed);
