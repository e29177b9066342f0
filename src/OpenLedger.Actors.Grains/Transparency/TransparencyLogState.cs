using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Transparency;

/// <summary>
/// A transparency log's durable frontier. Size budget: the partial tile of each level (≤ 255 × 32 B = 8 KiB per level;
/// 3 levels up to 2^24 entries, 4 to 2^32), the entries of the partial leaf tile (≤ 255 × ~150 B ≈ 38 KiB), the
/// recorded-id index (&lt; 16 KiB, as the totals'), the last signed head (&lt; 1 KiB): under 80 KiB at any age. Full tiles
/// live in their own grains (<see cref="ITransparencyTileGrain"/>).
/// </summary>
[GenerateSerializer, Alias("openledger.transparency-log-state")]
public sealed class TransparencyLogState
{
    [Id(0)] public long Size { get; set; }

    /// <summary>Per tile level, the partial tile's hashes concatenated.</summary>
    [Id(1)] public List<byte[]> PartialTiles { get; set; } = [];

    /// <summary>The entries whose leaf hashes are in the level-0 partial tile, in order.</summary>
    [Id(2)] public List<TransparencyEntry> PartialEntries { get; set; } = [];

    [Id(3)] public RecordedIdIndex RecordedIds { get; set; } = new();

    [Id(4)] public PublishedTreeHead? Head { get; set; }

    /// <summary>Write sequence (owner tag of the recorded-id pages).</summary>
    [Id(5)] public long Sequence { get; set; }
}
