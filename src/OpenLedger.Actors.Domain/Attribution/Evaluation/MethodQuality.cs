namespace OpenLedger.Actors.Domain.Attribution.Evaluation;

/// <summary>How well one attribution method predicted retraining.</summary>
/// <param name="Method">The method's name (<see cref="IRowAttributionMethod.Name"/>).</param>
/// <param name="Lds">Linear datamodeling score: per query the Spearman correlation, over the M subsets, between
/// the predicted and the actual query loss; averaged over queries.</param>
/// <param name="LdsPerQuery">The per-query correlations behind <paramref name="Lds"/>.</param>
/// <param name="LeaveOneOut">Mean over queries of the Spearman correlation, over the sampled rows, between the
/// score and the actual loss change when that one row is removed; null when leave-one-out was skipped.</param>
/// <param name="LeaveOneOutPerQuery">The per-query correlations behind <paramref name="LeaveOneOut"/> (empty when skipped).</param>
/// <param name="PredictedLossChange">[subset][query]: the summed scores of the rows the subset removed, the
/// method's prediction of loss(subset model) − loss(full model), in the method's own units.</param>
public sealed record MethodQuality(
    string Method,
    double Lds,
    double[] LdsPerQuery,
    double? LeaveOneOut,
    double[] LeaveOneOutPerQuery,
    double[][] PredictedLossChange);
