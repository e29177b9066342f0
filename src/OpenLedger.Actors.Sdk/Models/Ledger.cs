namespace OpenLedger.Actors.Sdk.Models;

/// <summary>A ledger write's outcome: <c>Ok</c> (applied now) or <c>Exists</c> (applied before under the same id).</summary>
public sealed record LedgerWriteResult(string Account, string Result, long Balance);

public sealed record AccountBalance(string Account, long Balance);

/// <summary>One posting on an account's statement; <see cref="Reference"/> names the inference that paid a fee line.</summary>
public sealed record StatementLine(long Line, long JournalBatch, DateTimeOffset CommittedAt, string TransferId, string? Reference, string Code,
    string Counterparty, long Amount, long BalanceAfter);

/// <summary>The EIP-712 domain a claim is signed under.</summary>
public sealed record ClaimDomain(string Name, string Version, long ChainId, string Ledger, string ClaimType);

/// <summary>A new key: <see cref="ApiKey"/> is shown once (null when the issuing request was replayed).</summary>
public sealed record IssuedApiKey(string KeyId, string Account, IReadOnlyList<string> Roles, string? ApiKey);

public sealed record ApiKeyInfo(string KeyId, string Account, IReadOnlyList<string> Roles, DateTimeOffset IssuedAt, bool Revoked);

/// <summary>
/// The ledger's totals: transfers, postings and journal batches; <see cref="BalanceSum"/> (always 0: double entry);
/// <see cref="Deposited"/> from outside; open pending transfers and what they reserve; the journal's head hash; with
/// several partitions, the credits (and amount) owed between them and not applied yet.
/// </summary>
public sealed record LedgerSummary(long TransferCount, long PostingCount, long BatchCount, long BalanceSum, long Deposited, int AccountCount, int OpenPending,
    long Reserved, string HeadHash, int Partitions, int OwedCredits, long OwedAmount);

/// <summary>
/// One claimable balance with its Merkle proof, and the tree it proves against: <see cref="Root"/> of partition
/// <see cref="Partition"/> as of journal batch <see cref="JournalBatches"/> (the page it was listed on; a settlement
/// contract stores one root per partition).
/// </summary>
public sealed record ClaimableBalance(string Account, string OwnerAddress, long Amount, IReadOnlyList<string> Proof, string Root, long JournalBatches, int Partition);

/// <summary>
/// An account as its own keys and operators see it: <see cref="Kind"/> (<c>Contributor</c>, <c>ModelOwner</c>, <c>Curator</c>,
/// <c>Payer</c>, …), the wallet that signs its claims, a payer's credit limit, the balance, statement lines, what pending
/// transfers reserve and what other ledger partitions owe it.
/// </summary>
public sealed record AccountDetails(string Account, string Kind, string? OwnerAddress, long CreditLimit, long Balance, long StatementLines, long Reserved, long PendingCredit);
