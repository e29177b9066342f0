namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>One query's top rows within a shard, highest score first (ties: lower row index first); global row indices.</summary>
[GenerateSerializer, Immutable, Alias("openledger.shard-top-rows")]
public sealed record ShardTopRows(
    [property: Id(0)] int[] RowIndices,
    [property: Id(1)] double[] Scores);
