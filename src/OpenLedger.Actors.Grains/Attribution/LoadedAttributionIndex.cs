using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Attribution;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// What a model's attribution needs in memory: the exact influence index behind its query batcher (built-in
/// models) or the representation-similarity index (external models), and, by training row index, the row
/// ids, contributors and content hashes that receipts name.
/// </summary>
internal sealed record LoadedAttributionIndex(
    ModelInfo Model,
    QueryBatcher? Batcher,
    RepresentationSimilarityIndex? Similarity,
    long[] RowIds,
    string[] Contributors,
    string[] ContentHashes)
{
    public InfluenceEntry Entry(RowInfluence row, double positiveTotal) =>
        new(RowIds[row.RowIndex], Contributors[row.RowIndex], ContentHashes[row.RowIndex], row.Score, row.Score / positiveTotal);
}
