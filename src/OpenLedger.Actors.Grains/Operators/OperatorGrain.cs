using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Operators;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Operators;

/// <summary>Forwards an operator service's deposits and registrations to the ledger (whose write methods are internal).</summary>
[StatelessWorker]
public sealed class OperatorGrain(IGrainFactory grains) : Grain, IOperatorGrain
{
    private ILedgerGrain Ledger => grains.GetGrain<ILedgerGrain>(LedgerIds.Main);

    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount) => Ledger.DepositAsync(depositId, account, amount);

    public Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration) => Ledger.OpenAccountAsync(registration);
}
