namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>An account's earnings over time for the explorer (keyed by <see cref="ExplorerIds.AccountKey"/>), fed in batches by the catalog.</summary>
[Alias("openledger.IExplorerAccountGrain")]
public interface IExplorerAccountGrain : IGrainWithStringKey
{
    /// <summary>Adds one flush's earnings; a batch number not above the last applied one is ignored (a retried flush).</summary>
    [Alias("add"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task AddEarningsAsync(long batch, IReadOnlyList<EarningsDelta> earnings);

    [Alias("history"), Orleans.Concurrency.ReadOnly] Task<EarningsHistory> GetHistoryAsync();
}
