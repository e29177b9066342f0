namespace OpenLedger.Actors.Sdk.Requests;

public enum AccountKind
{
    Contributor = 1,
    ModelOwner = 2,
    Curator = 3,
    Payer = 4,
}

/// <summary>Register the key's own account (a credit limit above 0 needs an operator key).</summary>
public sealed record RegisterAccountRequest(string Account, AccountKind Kind, string? OwnerAddress = null, long CreditLimit = 0);

/// <summary>Fund an account from outside (operator keys only); <see cref="DepositId"/> makes a repeat deposit nothing twice.</summary>
public sealed record DepositRequest(string Account, string DepositId, long Amount);

/// <summary>Claim a balance to <see cref="Destination"/>, with the EIP-712 signature of the account's registered owner.</summary>
public sealed record ClaimRequest(string Account, string ClaimId, long Amount, string Destination, string Signature);

/// <summary>Issue an API key acting for <see cref="Account"/> (operator keys only).</summary>
public sealed record IssueApiKeyRequest(string Account, IReadOnlyList<string> Roles);

/// <summary>The claimable balances of ledger partition <see cref="Partition"/> (operator keys only), fetched <see cref="Limit"/> at a time (the HTTP API's <c>limit</c>, 1–200).</summary>
public sealed record ListClaimablesRequest(int Partition = 0, int Limit = 100);
