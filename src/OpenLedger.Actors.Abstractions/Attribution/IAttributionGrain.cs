namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>
/// Attribution for one model (keyed by model id): holds the model's influence index (Hessian factorised
/// once per activation) and aggregates per-contribution influence over committed inferences.
/// </summary>
[Alias("openledger.IAttributionGrain")]
public interface IAttributionGrain : IGrainWithStringKey
{
    /// <summary>Predicts and attributes one query; reads only, changes nothing.</summary>
    [Alias("attribute")] Task<AttributionResult> AttributeAsync(double[] features, int? label, int topK);

    /// <summary>Attributes one answer of an external model from the query's embedding and the class the model
    /// answered (representation similarity); reads only, changes nothing.</summary>
    [Alias("attribute-representation")] Task<AttributionResult> AttributeRepresentationAsync(float[] representation, int label, int topK);

    /// <summary>Adds a committed inference's influences to the totals; idempotent per inference id.</summary>
    [Alias("record"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task RecordAsync(string inferenceId, IReadOnlyList<InfluenceEntry> influences);

    /// <summary>
    /// Builds the influence index if it is not built yet (a training job's last stage), waiting a short while for it:
    /// true once it is built, false while the build goes on (ask again). A failed build throws.
    /// </summary>
    [Alias("prepare-index"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<bool> PrepareIndexAsync();

    /// <summary>The rows with the highest accumulated influence.</summary>
    [Alias("totals")] Task<IReadOnlyList<ContributionTotal>> GetTopTotalsAsync(int count);
}
