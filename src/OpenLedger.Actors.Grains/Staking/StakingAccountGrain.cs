using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Governance;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

using OpenLedger.Actors.Grains.Hosting;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// One account's stake, penalties and reputation over <see cref="ContributorStanding"/>, with an outbox for what the
/// other grains must hear:
/// <list type="bullet">
/// <item>a stake is first recorded as pending (its ledger transfer owed), then posted to the ledger as
/// <see cref="StakingIds.StakeTransferId"/> and applied on <c>ok</c>/<c>exists</c> (dropped on a refusal) — so money
/// never reaches the escrow without the stake being recorded, and a crash anywhere is finished by the next call;</item>
/// <item>a penalty is applied with its slash owed, then the slash posted (escrow → treasury) until confirmed;</item>
/// <item>every change of the stake is owed to the account's stake-index bucket (versioned, so order does not matter);</item>
/// <item>every applied operation gets a durable marker (<see cref="IStakingRecordGrain"/>) before it leaves the bounded
/// recent window, so an id of any age is recognised.</item>
/// </list>
/// Owed effects are delivered at every call and by a reminder while any remain. Parameters (slashing fraction, penalty
/// threshold) come from the silo's <see cref="IParameterSnapshots"/>, never from a call to governance; a penalty count
/// is pushed to every silo's <see cref="PenaltySnapshots"/> before the penalty is acknowledged.
/// </summary>
public sealed class StakingAccountGrain(
    [PersistentState("staking-account", StorageNames.GrainState)] IPersistentState<StakingAccountState> state,
    IParameterSnapshots parameters,
    LedgerRouter ledger,
    ClusterShutdown shutdown,
    PenaltySnapshotServiceClient penaltySnapshots,
    ILogger<StakingAccountGrain> logger) : Grain, IStakingGrain, IStakingCurationGrain, IRemindable
{
    public const int RecentWindow = 32;
    public const int MaxUnmarked = 32;
    public const int MaxPendingStakes = 8;
    public const int MaxOwedSlashes = 32;
    public const int MaxReasonLength = 200;
    private const string DeliveryReminder = "deliver-owed";

    private StakingAccountState S => state.State;
    private string Account => this.GetPrimaryKeyString();

    public async Task<ContributorStandingInfo> StakeAsync(string stakeId, long amount)
    {
        Guard.Account(Account);
        Guard.Identifier(stakeId, "stake id");
        if (amount <= 0) throw OpenLedgerException.Validation("stake.amount", "A stake must be a positive number of micro-units.");
        await DeliverOwedAsync();
        if (await FindAsync(StakingOperationKind.Stake, stakeId) is { } done)
        {
            if (done.Amount == amount) return await InfoAsync();
            throw StakeExists(stakeId);
        }
        var pending = S.PendingStakes.Find(p => p.StakeId == stakeId);
        if (pending is null)
        {
            if (S.PendingStakes.Count >= MaxPendingStakes)
                throw new LedgerUnavailableException($"'{Account}' has {S.PendingStakes.Count} stakes the ledger has not answered yet; retry later.");
            // A stake the ledger would refuse is refused here, before anything is written (bad input changes nothing); it
            // draws on the deposited or earned balance only, never on credit. The transfer below still decides.
            var funds = await ledger.GetAccountAsync(Account) ?? throw OpenLedgerException.NotFound("account.not_found", $"The ledger has no account '{Account}'.");
            if (funds.Balance < amount) throw InsufficientFunds(amount);
            pending = new PendingStake(stakeId, amount);
            await KeepReminderAsync(); // from here until the ledger answers, a reminder finishes the stake if no call does
            await state.ChangeAndWriteAsync(this, s => s.PendingStakes.Add(pending)); // the transfer is owed from here on
        }
        else if (pending.Amount != amount) throw StakeExists(stakeId);

        var code = await PostStakeAsync(pending); // a failure leaves it pending: the reminder or the next call posts it again
        switch (code)
        {
            case TransferResultCode.Ok or TransferResultCode.Exists: break;
            case TransferResultCode.InsufficientFunds:
                throw InsufficientFunds(amount);
            case TransferResultCode.AccountNotFound:
                throw OpenLedgerException.NotFound("account.not_found", $"The ledger has no account '{Account}'.");
            case TransferResultCode.ExistsWithDifferentPostings:
                throw StakeExists(stakeId);
            default:
                throw OpenLedgerException.Validation("stake.refused", $"The ledger refused stake '{stakeId}': {code}.");
        }
        await DeliverOwedAsync();
        return await InfoAsync();
    }

    public async Task<long> PenaliseAsync(string penaltyId, string reason)
    {
        Guard.Account(Account);
        Guard.Identifier(penaltyId, "penalty id");
        Guard.Text(reason, "reason", MaxReasonLength);
        await DeliverOwedAsync();
        if (await FindAsync(StakingOperationKind.Penalty, penaltyId) is { } done)
        {
            await AnnouncePenaltiesAsync(); // a retry: make sure every silo heard
            return done.Amount;
        }
        RequireRoom(S.OwedSlashes.Count >= MaxOwedSlashes || S.Unmarked >= MaxUnmarked);
        var slashingFractionBps = (await parameters.CurrentAsync()).Parameters.SlashingFractionBps;
        var standing = Standing();
        var slashed = standing.Penalise(slashingFractionBps);
        if (slashed > 0) await KeepReminderAsync(); // the slash is owed to the ledger until it confirms
        await state.ChangeAndWriteAsync(this, s =>
        {
            s.Standing = Store(standing);
            if (slashed > 0)
            {
                s.StakeVersion++;
                s.OwedSlashes.Add(new OwedSlash(penaltyId, slashed));
            }
            Append(new StakingOperation(StakingOperationKind.Penalty, penaltyId, slashed, Reason: reason));
        });
        OpenLedgerTelemetry.Penalties.Add(1);
        await AnnouncePenaltiesAsync();
        await DeliverOwedAsync();
        return slashed;
    }

    /// <summary>
    /// Pushes this account's penalty count to every silo's <see cref="PenaltySnapshots"/> before the penalty is
    /// acknowledged, so inferences reduce its reward rate from then on without asking this grain.
    /// </summary>
    private Task AnnouncePenaltiesAsync()
    {
        var penalties = S.Standing.Penalties;
        return EverySilo.AnnounceAsync(GrainFactory, silo => penaltySnapshots.On(silo).AnnounceAsync(Account, penalties), logger, $"penalty count {penalties} of '{Account}'");
    }

    public async Task RecordReviewAsync(string reviewId, long acceptedRows, long rejectedRows)
    {
        Guard.Account(Account);
        Guard.Identifier(reviewId, "review id");
        if (acceptedRows < 0 || rejectedRows < 0) throw OpenLedgerException.Validation("review.counts", "Reviewed row counts cannot be negative.");
        await DeliverOwedAsync();
        if (await FindAsync(StakingOperationKind.Review, reviewId) is not null) return;
        RequireRoom(S.Unmarked >= MaxUnmarked);
        var standing = Standing();
        standing.RecordReview(acceptedRows, rejectedRows);
        await state.ChangeAndWriteAsync(this, s =>
        {
            s.Standing = Store(standing);
            Append(new StakingOperation(StakingOperationKind.Review, reviewId, acceptedRows, rejectedRows));
        });
        await DeliverOwedAsync();
    }

    public Task<ContributorStandingInfo> GetStandingAsync()
    {
        Guard.Account(Account);
        return InfoAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder) return;
        _reminderKept = true;
        if (await DeliverOwedAsync()) await DropReminderAsync();
    }

    /// <summary>A clean deactivation drops the reminder when nothing is owed (a crash leaves it, and it finishes the work;
    /// so does a stop of the whole cluster, when the reminder table cannot be reached: it fires later and finds nothing owed).</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_reminderKept && !S.Owes && !shutdown.IsWholeClusterStopping(reason))
        {
            try
            {
                await DropReminderAsync();
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Staking grain {Account} left its delivery reminder; it will find nothing owed", Account);
            }
        }
    }

    /// <summary>Whether this activation registered (or was woken by) the delivery reminder: registered once per activation, not per write.</summary>
    private bool _reminderKept;

    private async Task KeepReminderAsync()
    {
        if (_reminderKept) return;
        await this.RegisterOrUpdateReminder(DeliveryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _reminderKept = true;
    }

    private async Task DropReminderAsync()
    {
        if (!_reminderKept) return;
        if (await this.GetReminder(DeliveryReminder) is { } reminder) await this.UnregisterReminder(reminder);
        _reminderKept = false;
    }

    /// <summary>
    /// Delivers everything owed, oldest first, as far as it can (best effort: a failure is logged, leaves the rest owed
    /// and keeps a reminder that tries again). Returns whether nothing is owed any more. Every delivery is idempotent at
    /// its receiver (ledger transfer ids, index versions, set-once markers), so delivering twice is harmless.
    /// </summary>
    private async Task<bool> DeliverOwedAsync()
    {
        try
        {
            if (!S.Owes) return true;
            foreach (var pending in S.PendingStakes.ToList()) await PostStakeAsync(pending);
            foreach (var slash in S.OwedSlashes.ToList())
            {
                var code = await ledger.PostAsync(new TransferRequest(StakingIds.SlashTransferId(Account, slash.PenaltyId),
                    [new TransferPosting(StakingIds.EscrowAccount, AccountId.Protocol, slash.Amount, "stake.slashed")], slash.PenaltyId));
                if (code is not (TransferResultCode.Ok or TransferResultCode.Exists))
                    throw new InvalidOperationException($"The ledger refused slash '{slash.PenaltyId}' of '{Account}': {code}; the escrow must always cover recorded stakes.");
                if (code == TransferResultCode.Ok) OpenLedgerTelemetry.StakeSlashed.Add(slash.Amount);
                S.OwedSlashes.Remove(slash); // saved with the next write; re-posting before then answers 'exists'
            }
            var version = S.StakeVersion;
            var indexing = S.IndexedVersion < version
                ? GrainFactory.GetGrain<IStakeIndexBucketGrain>(StakeIndex.BucketOf(Account)).SetAsync(Account, S.Standing.Stake, version)
                : Task.CompletedTask;
            var unmarked = S.Recent.TakeLast(S.Unmarked).ToList(); // independent receivers: the index and the markers in parallel
            await Task.WhenAll(unmarked.Select(o => GrainFactory.GetGrain<IStakingRecordGrain>(IStakingRecordGrain.KeyOf(Account, o.Kind, o.Id)).RecordAsync(o)).Append(indexing));
            S.IndexedVersion = Math.Max(S.IndexedVersion, version);
            S.Unmarked -= unmarked.Count;
            var drop = Math.Min(S.Recent.Count - S.Unmarked, S.Recent.Count - RecentWindow);
            if (drop > 0) S.Recent.RemoveRange(0, drop); // marked, so still recognised
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Staking grain {Account} could not deliver what it owes; a reminder retries", Account);
            try
            {
                await KeepReminderAsync();
            }
            catch (Exception reminderFailure)
            {
                logger.LogWarning(reminderFailure, "Staking grain {Account} could not keep its delivery reminder; the next call delivers", Account);
            }
            return false;
        }
    }

    /// <summary>Posts a pending stake's transfer; on an answer the stake is applied (ok/exists) or dropped (refused), durably.</summary>
    private async Task<TransferResultCode> PostStakeAsync(PendingStake pending)
    {
        var code = await ledger.PostAsync(new TransferRequest(StakingIds.StakeTransferId(Account, pending.StakeId),
            [new TransferPosting(Account, StakingIds.EscrowAccount, pending.Amount, "stake")], pending.StakeId));
        var applied = code is TransferResultCode.Ok or TransferResultCode.Exists;
        var standing = Standing();
        if (applied) standing.AddStake(pending.Amount);
        await state.ChangeAndWriteAsync(this, s =>
        {
            s.PendingStakes.Remove(pending);
            if (!applied) return;
            s.Standing = Store(standing);
            s.StakeVersion++;
            Append(new StakingOperation(StakingOperationKind.Stake, pending.StakeId, pending.Amount));
        });
        return code;
    }

    /// <summary>The operation applied under this id: from the recent window, else from its durable marker.</summary>
    private async Task<StakingOperation?> FindAsync(StakingOperationKind kind, string id) =>
        S.Recent.FindLast(o => o.Kind == kind && o.Id == id)
        ?? await GrainFactory.GetGrain<IStakingRecordGrain>(IStakingRecordGrain.KeyOf(Account, kind, id)).GetAsync();

    private void Append(StakingOperation operation)
    {
        S.Recent.Add(operation);
        S.Unmarked++;
    }

    /// <summary>Refuses a new write while the outbox is full (its receivers have been unreachable for a while).</summary>
    private void RequireRoom(bool full)
    {
        if (full) throw new LedgerUnavailableException($"'{Account}' has too many effects not yet delivered; retry later.");
    }

    private ContributorStanding Standing() =>
        ContributorStanding.Restore(S.Standing.Stake, S.Standing.Penalties, S.Standing.AcceptedRows, S.Standing.RejectedRows, S.Standing.Slashed);

    private static StoredStanding Store(ContributorStanding s) => new(s.Stake, s.Penalties, s.AcceptedRows, s.RejectedRows, s.Slashed);

    private async Task<ContributorStandingInfo> InfoAsync()
    {
        var p = (await parameters.CurrentAsync()).Parameters;
        var s = Standing();
        return new ContributorStandingInfo(Account, s.Stake, s.Penalties, s.AcceptedRows, s.RejectedRows, s.Reputation,
            s.RewardRateBps(p.PenaltyThreshold, p.PenalizedRewardBps), s.Slashed);
    }

    private OpenLedgerException InsufficientFunds(long amount) =>
        OpenLedgerException.InsufficientFunds("stake.insufficient_funds", $"'{Account}' cannot cover a stake of {amount} micro-units from its balance.");

    private static OpenLedgerException StakeExists(string stakeId) =>
        OpenLedgerException.Conflict("stake.exists", $"Stake '{stakeId}' was already made with a different amount.");
}
