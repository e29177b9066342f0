using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// Contributors' stakes, penalties and reputation over <see cref="ContributorStanding"/>. Money moves only through
/// the ledger: a stake is the transfer <c>stake:{id}</c> from the account to <see cref="StakingIds.EscrowAccount"/>,
/// posted before the standing changes (a retry finds it <c>exists</c>); a slash is recorded first and then posted as
/// <c>slash:{id}</c> from the escrow to the protocol treasury, re-posted until the ledger confirms it.
/// </summary>
public sealed class StakingGrain(
    [PersistentState("staking", StorageNames.GrainState)] IPersistentState<StakingState> state) : Grain, IStakingGrain
{
    private const int MaxReasonLength = 200;
    private StakingState S => state.State;
    private ILedgerGrain Ledger => GrainFactory.GetGrain<ILedgerGrain>(LedgerIds.Main);

    public async Task<ContributorStandingInfo> StakeAsync(string stakeId, string account, long amount)
    {
        Guard.Identifier(stakeId, "stake id");
        Guard.Account(account);
        if (amount <= 0) throw OpenLedgerException.Validation("stake.amount", "A stake must be a positive number of micro-units.");
        if (S.Stakes.TryGetValue(stakeId, out var done))
        {
            if (done.Account == account && done.Amount == amount) return await InfoAsync(account);
            throw OpenLedgerException.Conflict("stake.exists", $"Stake '{stakeId}' was already made with a different account or amount.");
        }
        await PostPendingSlashesAsync();
        var code = await Ledger.PostAsync(new TransferRequest($"stake:{stakeId}", [new TransferPosting(account, StakingIds.EscrowAccount, amount, "stake")], stakeId));
        switch (code)
        {
            case TransferResultCode.Ok or TransferResultCode.Exists: break;
            case TransferResultCode.InsufficientFunds:
                throw OpenLedgerException.InsufficientFunds("stake.insufficient_funds", $"'{account}' cannot cover a stake of {amount} micro-units.");
            case TransferResultCode.AccountNotFound:
                throw OpenLedgerException.NotFound("account.not_found", $"The ledger has no account '{account}'.");
            case TransferResultCode.ExistsWithDifferentPostings:
                throw OpenLedgerException.Conflict("stake.exists", $"Stake '{stakeId}' was already made with a different account or amount.");
            default:
                throw OpenLedgerException.Validation("stake.refused", $"The ledger refused stake '{stakeId}': {code}.");
        }
        var standing = Standing(account);
        standing.AddStake(amount);
        await SaveAsync(() =>
        {
            S.Stakes[stakeId] = new StakeRecord(account, amount);
            Put(account, standing);
        });
        return await InfoAsync(account);
    }

    public async Task<long> PenaliseAsync(string penaltyId, string account, string reason)
    {
        Guard.Identifier(penaltyId, "penalty id");
        Guard.Account(account);
        Guard.Text(reason, "reason", MaxReasonLength);
        if (S.Penalties.TryGetValue(penaltyId, out var done))
        {
            if (done.Account != account) throw OpenLedgerException.Conflict("penalty.exists", $"Penalty '{penaltyId}' was recorded against another account.");
            await PostPendingSlashesAsync();
            return done.Slashed;
        }
        var parameters = (await GrainFactory.GetGrain<IGovernanceGrain>(GovernanceIds.Main).GetParametersAsync()).Parameters;
        var standing = Standing(account);
        var slashed = standing.Penalise(parameters.SlashingFractionBps);
        await SaveAsync(() =>
        {
            S.Penalties[penaltyId] = new PenaltyRecord(account, slashed, reason);
            if (slashed > 0) S.UnpostedSlashes.Add(penaltyId);
            Put(account, standing);
        });
        OpenLedgerTelemetry.Penalties.Add(1);
        await PostPendingSlashesAsync();
        return slashed;
    }

    public async Task RecordReviewAsync(string reviewId, string account, long acceptedRows, long rejectedRows)
    {
        Guard.Identifier(reviewId, "review id");
        Guard.Account(account);
        if (acceptedRows < 0 || rejectedRows < 0) throw OpenLedgerException.Validation("review.counts", "Reviewed row counts cannot be negative.");
        if (S.Reviews.Contains(reviewId)) return;
        var standing = Standing(account);
        standing.RecordReview(acceptedRows, rejectedRows);
        await SaveAsync(() =>
        {
            S.Reviews.Add(reviewId);
            Put(account, standing);
        });
    }

    public Task<ContributorStandingInfo> GetStandingAsync(string account)
    {
        Guard.Account(account);
        return InfoAsync(account);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetReducedRewardRatesAsync(IReadOnlyList<string> accounts)
    {
        var rates = new Dictionary<string, int>(StringComparer.Ordinal);
        if (accounts is null || accounts.Count == 0) return rates;
        var parameters = (await GrainFactory.GetGrain<IGovernanceGrain>(GovernanceIds.Main).GetParametersAsync()).Parameters;
        foreach (var account in accounts)
        {
            if (account is null || !S.Standings.ContainsKey(account)) continue;
            var rate = Standing(account).RewardRateBps(parameters.PenaltyThreshold, parameters.PenalizedRewardBps);
            if (rate < 10_000) rates[account] = rate;
        }
        return rates;
    }

    public Task<IReadOnlyDictionary<string, long>> GetStakesAsync()
    {
        IReadOnlyDictionary<string, long> stakes = S.Standings.Where(s => s.Value.Stake > 0).ToDictionary(s => s.Key, s => s.Value.Stake, StringComparer.Ordinal);
        return Task.FromResult(stakes);
    }

    /// <summary>Posts every recorded slash the ledger has not confirmed (same transfer id, so never twice).</summary>
    private async Task PostPendingSlashesAsync()
    {
        if (S.UnpostedSlashes.Count == 0) return;
        var confirmed = new List<string>();
        foreach (var penaltyId in S.UnpostedSlashes)
        {
            var penalty = S.Penalties[penaltyId];
            var code = await Ledger.PostAsync(new TransferRequest($"slash:{penaltyId}",
                [new TransferPosting(StakingIds.EscrowAccount, AccountId.Protocol, penalty.Slashed, "stake.slashed")], penaltyId));
            if (code is not (TransferResultCode.Ok or TransferResultCode.Exists))
                throw new InvalidOperationException($"The ledger refused slash '{penaltyId}': {code}; the escrow must always cover recorded stakes.");
            if (code == TransferResultCode.Ok) OpenLedgerTelemetry.StakeSlashed.Add(penalty.Slashed);
            confirmed.Add(penaltyId);
        }
        await SaveAsync(() => S.UnpostedSlashes.RemoveAll(confirmed.Contains));
    }

    private async Task SaveAsync(Action change)
    {
        change();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            try
            {
                await state.ReadStateAsync(); // drop the change that did not become durable
            }
            catch
            {
                DeactivateOnIdle(); // cannot tell what is durable: start again from storage
            }
            throw;
        }
    }

    private ContributorStanding Standing(string account) =>
        S.Standings.TryGetValue(account, out var s)
            ? ContributorStanding.Restore(s.Stake, s.Penalties, s.AcceptedRows, s.RejectedRows, s.Slashed)
            : new ContributorStanding();

    private void Put(string account, ContributorStanding s) =>
        S.Standings[account] = new StoredStanding(s.Stake, s.Penalties, s.AcceptedRows, s.RejectedRows, s.Slashed);

    private async Task<ContributorStandingInfo> InfoAsync(string account)
    {
        var parameters = (await GrainFactory.GetGrain<IGovernanceGrain>(GovernanceIds.Main).GetParametersAsync()).Parameters;
        var s = Standing(account);
        return new ContributorStandingInfo(account, s.Stake, s.Penalties, s.AcceptedRows, s.RejectedRows, s.Reputation,
            s.RewardRateBps(parameters.PenaltyThreshold, parameters.PenalizedRewardBps), s.Slashed);
    }
}
