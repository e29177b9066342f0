using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Grains.Ledger;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Operators;

/// <summary>Forwards an operator service's deposits and registrations to the ledger (whose write methods are internal).</summary>
[StatelessWorker]
public sealed class OperatorGrain(LedgerRouter ledger) : Grain, IOperatorGrain
{
    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount) => ledger.DepositAsync(depositId, account, amount);

    public Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration) => ledger.OpenAccountAsync(registration);
}
