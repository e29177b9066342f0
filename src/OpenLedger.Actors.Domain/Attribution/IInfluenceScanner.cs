namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// What <see cref="QueryBatcher"/> drives: prepare queries one by one, then find their top-k rows with one
/// scan over all rows — in process (<see cref="InfluenceIndex"/>) or fanned out over row shards
/// (<see cref="ShardedInfluenceIndex"/>).
/// </summary>
public interface IInfluenceScanner
{
    /// <summary>Training rows a scan covers.</summary>
    int RowCount { get; }

    /// <summary>The query's prediction and scan vector; throws on bad input (that query alone fails).</summary>
    PreparedQuery Prepare(ReadOnlySpan<double> features, int? label);

    /// <summary>Top-k attribution of prepared queries with one scan over the rows.</summary>
    Task<IReadOnlyList<QueryAttribution>> AttributePreparedAsync(IReadOnlyList<PreparedQuery> prepared, int topK);
}
