using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.Domain.Claims;

public enum ClaimAuthorizationResult
{
    Authorized,
    /// <summary>The ledger has never seen the account.</summary>
    AccountNotFound,
    /// <summary>The account has no registered owner address, so nobody can authorise a claim on it.</summary>
    NoOwnerAddress,
    /// <summary>The signature is malformed or was not made by the owner for exactly this claim.</summary>
    SignatureInvalid,
}

/// <summary>Who may claim: only the account's registered owner, by signing exactly this claim.</summary>
public static class ClaimAuthorization
{
    public static ClaimAuthorizationResult Check(LedgerAccount? account, ClaimMessage claim, long chainId, string? signature)
    {
        if (account is null) return ClaimAuthorizationResult.AccountNotFound;
        if (account.OwnerAddress is null) return ClaimAuthorizationResult.NoOwnerAddress;
        var signer = ClaimTypedData.RecoverSigner(claim, chainId, signature);
        return string.Equals(signer, account.OwnerAddress, StringComparison.OrdinalIgnoreCase)
            ? ClaimAuthorizationResult.Authorized
            : ClaimAuthorizationResult.SignatureInvalid;
    }
}
