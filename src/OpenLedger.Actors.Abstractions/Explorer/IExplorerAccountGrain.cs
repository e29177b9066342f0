namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>An account's earnings over time for the explorer (keyed by <see cref="ExplorerIds.AccountKey"/>), fed by the catalog.</summary>
[Alias("openledger.IExplorerAccountGrain")]
public interface IExplorerAccountGrain : IGrainWithStringKey
{
    /// <summary>Adds the earnings of inferences numbered above the newest one applied, in sequence order; the others
    /// are ignored (a resend after a lost reply or the catalog's replay after a crash), so each counts once.</summary>
    [Alias("add-sequenced"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task AddEarningsAsync(IReadOnlyList<EarningsDelta> earnings);

    [Alias("history"), Orleans.Concurrency.ReadOnly] Task<EarningsHistory> GetHistoryAsync();
}
