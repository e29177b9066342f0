namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The reward ledger (keyed by ledger id; <see cref="LedgerIds.Main"/> by default). Transfers are
/// group-committed: a call returns only after the batch holding its transfer is durable.
/// </summary>
[Alias("openledger.ILedgerGrain")]
public interface ILedgerGrain : IGrainWithStringKey
{
    [Alias("post")] Task<TransferResultCode> PostAsync(TransferRequest transfer);

    /// <summary>Funds an account from outside (e.g. an agent platform's pre-payment); idempotent per deposit id.</summary>
    [Alias("deposit")] Task<TransferResultCode> DepositAsync(string depositId, string account, long amount);

    [Alias("balance")] Task<long> GetBalanceAsync(string account);

    [Alias("balances")] Task<IReadOnlyDictionary<string, long>> GetBalancesAsync(IReadOnlyList<string> accounts);

    [Alias("summary")] Task<LedgerSummary> GetSummaryAsync();
}
