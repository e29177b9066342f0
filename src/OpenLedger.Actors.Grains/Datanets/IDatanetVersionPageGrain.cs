using OpenLedger.Actors.Abstractions.Datanets;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// One full page of a Datanet's published versions (key <see cref="KeyOf"/>: Datanet id and page number): versions
/// page·<see cref="Size"/> + 1 … (page + 1)·<see cref="Size"/>, oldest first. The Datanet writes a page once its head holds
/// <see cref="Size"/> versions more than the newest it keeps, before dropping them from its own state, so writing a page
/// again (after a crash between the two writes) writes the same versions. Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IDatanetVersionPageGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IDatanetVersionPageGrain : IGrainWithStringKey
{
    /// <summary>Versions per page: 256 × ≈ 300 bytes ≈ 77 KB as stored (budget 128 KiB).</summary>
    public const int Size = 256;

    /// <summary>Datanet ids cannot hold '/', so the key is unambiguous.</summary>
    public static string KeyOf(string datanetId, int page) => $"{datanetId}/{page}";

    [Alias("put")] Task PutAsync(IReadOnlyList<DatanetVersionInfo> versions);

    [Alias("get")] Task<IReadOnlyList<DatanetVersionInfo>> GetAsync();
}

[GenerateSerializer]
public sealed class DatanetVersionPageState
{
    [Id(0)] public List<DatanetVersionInfo> Versions { get; set; } = [];
}
