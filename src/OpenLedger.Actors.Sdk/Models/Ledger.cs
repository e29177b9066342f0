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
