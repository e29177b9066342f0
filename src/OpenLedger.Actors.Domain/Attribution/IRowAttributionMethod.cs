namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// A way of scoring every training row against one query, with one sign convention for all methods:
/// a larger score means the row did more to lower the query's loss, so removing it should raise the loss
/// more. <see cref="Evaluation.AttributionEvaluator"/> measures how well a method's scores predict retraining.
/// </summary>
public interface IRowAttributionMethod
{
    /// <summary>A stable, lower-case name (e.g. <c>exact-influence</c>), used in reports.</summary>
    string Name { get; }

    int RowCount { get; }

    /// <summary>Writes one score per training row (training order) for a query given by its raw features and label.</summary>
    void ScoreAll(ReadOnlySpan<double> features, int label, Span<double> scores);
}
