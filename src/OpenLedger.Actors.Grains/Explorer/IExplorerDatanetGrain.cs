using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>
/// The explorer's stored entry of one Datanet (key <see cref="ExplorerIds.AccountKey"/>-style: <c>{catalog}|{datanet}</c>),
/// written by the catalog's flush. One entity per Datanet, so the catalog's own state does not grow with Datanets.
/// Budget 192 KiB: the info (metadata ≤ 11 KB, ≤ 32 curators and invitations, ≤ 256 versions) and at most 256
/// contributors' acceptance. Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IExplorerDatanetGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IExplorerDatanetGrain : IGrainWithStringKey
{
    [Alias("set")] Task SetAsync(DatanetCatalogEntry entry);

    [Alias("get")] Task<DatanetCatalogEntry?> GetAsync();
}

/// <summary>
/// One page of the explorer's directory of Datanet ids (key <c>{catalog}|{page}</c>), <see cref="Size"/> ids in the order
/// the catalog first saw them; the catalog keeps how many are committed. Budget 512 KiB (1,024 ids of ≤ 128 characters
/// and their JSON ≈ 140 KB). Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IExplorerDirectoryPageGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IExplorerDirectoryPageGrain : IGrainWithStringKey
{
    public const int Size = 1_024;

    /// <summary>Writes <paramref name="ids"/> into the page from <paramref name="slot"/> on (replacing what was there: an uncommitted tail).</summary>
    [Alias("put")] Task PutAsync(int slot, IReadOnlyList<string> ids);

    [Alias("get")] Task<IReadOnlyList<string>> GetAsync();
}

/// <summary>
/// One bucket of the leaderboard's standings (key <c>{catalog}|{bucket}</c>; an account's bucket is a stable hash of
/// its id, <see cref="Buckets"/> of them): the catalog upserts the standings that changed at each flush and reads every
/// bucket on activation. Budget 512 KiB ≈ 2,500 standings of 128-character accounts: ~160,000 paid accounts in all
/// (5,360 broke the single state). Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IExplorerStandingsBucketGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IExplorerStandingsBucketGrain : IGrainWithStringKey
{
    public const int Buckets = 64;

    [Alias("upsert")] Task UpsertAsync(IReadOnlyList<StoredStanding> standings);

    [Alias("get")] Task<IReadOnlyList<StoredStanding>> GetAsync();

    /// <summary>A stable bucket for an account (FNV-1a of its UTF-16 code units: the same on every silo and run).</summary>
    public static int BucketOf(string account)
    {
        var hash = 2166136261u;
        foreach (var c in account) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Buckets);
    }
}
