namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// One account's standing and what its staking grain still owes. Budget 64 KiB (see README, "Size budgets"); every
/// list is capped: <see cref="Recent"/> at <see cref="StakingAccountGrain.RecentWindow"/> marked plus at most
/// <see cref="StakingAccountGrain.MaxUnmarked"/> unmarked operations, <see cref="PendingStakes"/> and
/// <see cref="OwedSlashes"/> by their maxima (new writes are refused while they are full).
/// </summary>
[GenerateSerializer]
public sealed class StakingAccountState
{
    [Id(0)] public StoredStanding Standing { get; set; } = new(0, 0, 0, 0, 0);

    /// <summary>Grows with every change of the stake; the stake index keeps the highest version it was told.</summary>
    [Id(1)] public long StakeVersion { get; set; }

    /// <summary>The stake version the index has acknowledged (saved with the next write; re-sent after a restart, harmlessly).</summary>
    [Id(2)] public long IndexedVersion { get; set; }

    /// <summary>The latest applied operations, oldest first; the last <see cref="Unmarked"/> have no durable marker yet.</summary>
    [Id(3)] public List<StakingOperation> Recent { get; set; } = [];

    [Id(4)] public int Unmarked { get; set; }

    /// <summary>Stakes recorded before their ledger transfer: the transfer is owed until the ledger answers it (ok/exists applies the stake, a refusal drops it).</summary>
    [Id(5)] public List<PendingStake> PendingStakes { get; set; } = [];

    /// <summary>Slashes applied to the standing whose ledger transfer (escrow → treasury) is not yet confirmed.</summary>
    [Id(6)] public List<OwedSlash> OwedSlashes { get; set; } = [];

    public bool Owes => PendingStakes.Count > 0 || OwedSlashes.Count > 0 || Unmarked > 0 || IndexedVersion < StakeVersion;
}

[GenerateSerializer]
public sealed record StoredStanding(
    [property: Id(0)] long Stake,
    [property: Id(1)] int Penalties,
    [property: Id(2)] long AcceptedRows,
    [property: Id(3)] long RejectedRows,
    [property: Id(4)] long Slashed);

[GenerateSerializer]
public sealed record PendingStake([property: Id(0)] string StakeId, [property: Id(1)] long Amount);

[GenerateSerializer]
public sealed record OwedSlash([property: Id(0)] string PenaltyId, [property: Id(1)] long Amount);
