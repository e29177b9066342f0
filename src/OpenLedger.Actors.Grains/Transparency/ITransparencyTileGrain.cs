using OpenLedger.Actors.Abstractions.Security;
using OpenLedger.Actors.Abstractions.Transparency;

namespace OpenLedger.Actors.Grains.Transparency;

/// <summary>
/// One full tile of a transparency log (key <see cref="KeyOf"/>): 256 hashes (8 KiB), and for level 0 the 256 entries
/// they hash (≤ 256 × ~150 B). Written once when the tile fills, never changed. Internal (the log's grain only).
/// </summary>
[Alias("openledger.ITransparencyTileGrain"), InternalGrainCall]
public interface ITransparencyTileGrain : IGrainWithStringKey
{
    public static string KeyOf(string logId, int tileLevel, long index) => $"{logId}/{tileLevel}/{index}";

    /// <summary>Stores the tile; the same content again is a no-op, different content is refused (a log never changes).</summary>
    [Alias("write")] Task WriteAsync(byte[] hashes, IReadOnlyList<TransparencyEntry> entries);

    [Alias("read")] Task<TransparencyTileState> ReadAsync();
}

[GenerateSerializer, Alias("openledger.transparency-tile-state")]
public sealed class TransparencyTileState
{
    [Id(0)] public byte[] Hashes { get; set; } = [];
    [Id(1)] public List<TransparencyEntry> Entries { get; set; } = [];
}
