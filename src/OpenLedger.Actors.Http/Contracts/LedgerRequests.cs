using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Http.Contracts;

/// <summary>Register the account in the ledger. A credit limit above 0 (postpaid payers) needs an operator key.</summary>
public sealed record RegisterAccountRequest(AccountKind Kind, string? OwnerAddress = null, long CreditLimit = 0);

/// <summary>Fund an account from outside (operators only); <paramref name="DepositId"/> makes retries safe.</summary>
public sealed record DepositRequest(string DepositId, long Amount);

/// <summary>Claim a balance to <paramref name="Destination"/>, signed by the account's registered owner (EIP-712).</summary>
public sealed record ClaimBody(string ClaimId, long Amount, string Destination, string Signature);

/// <summary>The outcome of a ledger write: <c>Ok</c> (applied now) or <c>Exists</c> (applied before with the same body).</summary>
public sealed record LedgerWriteResult(string Account, TransferResultCode Result, long Balance);

public sealed record BalanceResult(string Account, long Balance);
