namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The claimable balances as of journal batch <paramref name="JournalBatches"/> (batches 0 … n−1), as a Merkle
/// tree: one <paramref name="Root"/> for a settlement contract to store, and a page of entries, each with its proof.
/// <paramref name="NextAfterAccount"/> continues the listing (null at the end). The leaf and node rules are in
/// <c>ClaimableMerkleTree</c>. A partitioned ledger has one tree per partition: the export is of partition
/// <paramref name="Partition"/> of <paramref name="Partitions"/> (a contract stores one root per partition).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.claimable-export")]
public sealed record ClaimableExport(
    [property: Id(0)] string Root,
    [property: Id(1)] long JournalBatches,
    [property: Id(2)] int TotalAccounts,
    [property: Id(3)] long TotalAmount,
    [property: Id(4)] IReadOnlyList<ClaimableEntry> Entries,
    [property: Id(5)] string? NextAfterAccount,
    [property: Id(6)] int Partition = 0,
    [property: Id(7)] int Partitions = 1);

[GenerateSerializer, Immutable, Alias("openledger.claimable-entry")]
public sealed record ClaimableEntry(
    [property: Id(0)] string Account,
    [property: Id(1)] string OwnerAddress,
    [property: Id(2)] long Amount,
    [property: Id(3)] IReadOnlyList<string> Proof);
