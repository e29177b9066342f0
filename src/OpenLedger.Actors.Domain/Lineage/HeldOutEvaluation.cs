namespace OpenLedger.Actors.Domain.Lineage;

/// <summary>
/// How a model version measured on a held-out set that no version trains on, named by <paramref name="HeldOutSetKey"/>
/// (the content-addressed key of its rows) so two versions are compared only on the same rows. The attribution quality
/// fields are ready for the linear datamodeling score (<see cref="Attribution.Evaluation.AttributionEvaluator"/>):
/// null until a job measures it, then the score with the subsets and seed it used, so anyone can re-run it.
/// </summary>
public sealed record HeldOutEvaluation(
    string HeldOutSetKey,
    int Rows,
    double Accuracy,
    double MeanCrossEntropy,
    double? Lds = null,
    int LdsSubsets = 0,
    int LdsSeed = 0);
