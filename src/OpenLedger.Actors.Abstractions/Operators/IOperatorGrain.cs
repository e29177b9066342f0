using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Abstractions.Operators;

/// <summary>
/// The operator interface: what a trusted in-cluster operator service (a grain client holding a client certificate)
/// may do to the ledger, and nothing more — fund an account from outside (e.g. after a payment arrived) and register
/// an account. The ledger's own write methods are internal; this is the one explicit door to them for clients.
/// Idempotent as the ledger is: the same deposit id or registration again answers <c>Exists</c>. Stateless (key: any).
/// </summary>
[Alias("openledger.IOperatorGrain")]
public interface IOperatorGrain : IGrainWithStringKey
{
    /// <summary>Funds <paramref name="account"/> with <paramref name="amount"/> micro-units; idempotent per <paramref name="depositId"/>.</summary>
    [Alias("deposit")] Task<TransferResultCode> DepositAsync(string depositId, string account, long amount);

    /// <summary>Registers an account (kind, claim owner address, credit limit for postpaid payers).</summary>
    [Alias("open-account")] Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration);
}

public static class OperatorIds
{
    /// <summary>The key clients use; the grain is a stateless worker, so every silo serves it locally.</summary>
    public const string Main = "main";
}
