namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>The model's answer for one query and the training rows that most increased its support.</summary>
/// <param name="Probabilities">Class probabilities.</param>
/// <param name="PredictedClass">The arg-max class.</param>
/// <param name="LossLabel">The label the query loss was taken against: the supplied one, else the prediction.</param>
/// <param name="QueryLoss">Cross-entropy of the query against <paramref name="LossLabel"/>.</param>
/// <param name="TopInfluences">The top-k rows with positive influence, highest first (ties: lower row index first).</param>
public sealed record QueryAttribution(
    double[] Probabilities,
    int PredictedClass,
    int LossLabel,
    double QueryLoss,
    IReadOnlyList<RowInfluence> TopInfluences);
