using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// Holds one row shard of an influence index in memory (4·(D + C) bytes per row, loaded from the artifact store
/// on activation, never grain state) and scans it on its silo's cores. <see cref="RowShardPlacement"/> deals a
/// model's shards round-robin over the silos, so each silo holds and scans a share of the rows and an added
/// silo takes a share; a stateless worker would not do (every activation would hold a copy). Not reentrant: one
/// scan at a time already uses all of the silo's cores, and concurrent queries reach it batched
/// (<see cref="QueryBatcher"/> in the attribution grain).
/// </summary>
[RowShardPlacement]
public sealed class AttributionShardGrain(IArtifactStore artifacts) : Grain, IAttributionShardGrain
{
    private InfluenceShard _shard = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var bytes = await artifacts.GetAsync(AttributionShardKey.Parse(this.GetPrimaryKeyString()).ArtifactKey, cancellationToken);
        _shard = InfluenceShardArtifact.Decode(bytes);
    }

    public async Task<IReadOnlyList<ShardTopRows>> ScanAsync(ShardScanRequest request)
    {
        if (request?.ScanVectors is not { Length: > 0 } vectors)
            throw OpenLedgerException.Validation("shard.scan_empty", "At least one scan vector is needed.");
        if (request.TopK is < 1 or > AttributionGrain.MaxTopK)
            throw OpenLedgerException.Validation("attribution.top_k", $"top-k must be between 1 and {AttributionGrain.MaxTopK}.");
        var length = _shard.Matrix.Classes * _shard.Matrix.Width;
        if (Array.FindIndex(vectors, v => v is null || v.Length != length) is var bad and >= 0)
            throw OpenLedgerException.Validation("shard.scan_vector_size", $"Scan vector {bad} must hold {length} values.");

        var tops = await Task.Run(() => _shard.TopK(vectors, request.TopK));
        OpenLedgerTelemetry.RowsScanned.Add((long)_shard.Rows * vectors.Length);
        return tops.Select(top => new ShardTopRows(top.Select(r => r.RowIndex).ToArray(), top.Select(r => r.Score).ToArray())).ToList();
    }

    public Task<AttributionShardInfo> GetInfoAsync() =>
        Task.FromResult(new AttributionShardInfo(_shard.FirstRow, _shard.Rows, _shard.Bytes, RuntimeIdentity));
}
