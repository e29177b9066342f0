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
/// bucket on activation. Each write carries the sequence number of the newest inference its standings include; the
/// bucket keeps it and ignores an older write, so the catalog can write again (after a lost reply, or replaying its
/// event log after a crash) without counting an inference twice. Budget 512 KiB ≈ 2,500 standings of 128-character
/// accounts: ~160,000 paid accounts in all (5,360 broke the single state). Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IExplorerStandingsBucketGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IExplorerStandingsBucketGrain : IGrainWithStringKey
{
    public const int Buckets = 64;

    /// <summary>Replaces the given accounts' standings, which include every inference through <paramref name="throughSequence"/>;
    /// ignored when the bucket holds standings through that number or a later one.</summary>
    [Alias("upsert-through")] Task UpsertAsync(IReadOnlyList<StoredStanding> standings, long throughSequence);

    [Alias("get-bucket")] Task<StoredStandingsBucket> GetAsync();

    /// <summary>A stable bucket for an account (FNV-1a of its UTF-16 code units: the same on every silo and run).</summary>
    public static int BucketOf(string account)
    {
        var hash = 2166136261u;
        foreach (var c in account) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Buckets);
    }
}

/// <summary>A leaderboard bucket's standings and the sequence number of the newest inference they include (0: a bucket
/// written before these numbers, complete through whatever its catalog had flushed).</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.standings-bucket")]
public sealed record StoredStandingsBucket(
    [property: Id(0)] IReadOnlyList<StoredStanding> Standings,
    [property: Id(1)] long ThroughSequence);
