using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Staking;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>Starts one two-silo cluster whose storage fails the writes a test arms.</summary>
public sealed class ScriptedFaultsFixture : IAsyncLifetime
{
    internal ScriptedFaults Faults { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>Voting opens at once and lasts five seconds of simulated time (<see cref="ScriptedFaults.Clock"/>), so a test can change the parameters between an attempt and its retry.</summary>
    public async Task InitializeAsync() => Cluster = await ScriptedFaults.StartClusterAsync(Faults, new Dictionary<string, string?>
    {
        ["OpenLedger:Governance:VotingDelay"] = "00:00:00",
        ["OpenLedger:Governance:VotingPeriod"] = "00:00:05",
        ["OpenLedger:Governance:Timelock"] = "00:00:00",
    });

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>
/// Retry tests of staking's multi-step operations (issue 13): a storage failure injected between each pair of steps —
/// before a write reaches storage (a crash just before it) or after (a crash just after it, or a lost reply) — then the
/// caller retries with the same id. Whatever the step, the money moves once, the stake, penalty or review is recorded
/// once, and the stake index and the id's durable marker end up agreeing. The ledger invariants are checked after every
/// case: the escrow holds exactly the sum of recorded stakes, the treasury exactly the sum of recorded slashes.
/// </summary>
public sealed class StakingRetryTests(ScriptedFaultsFixture fixture) : IClassFixture<ScriptedFaultsFixture>
{
    private const long Deposit = 30_000, Amount = 10_000;
    private static readonly object Gate = new();
    private static readonly HashSet<string> Touched = [];

    private IGrainFactory Grains => fixture.Cluster.Client;
    private ILedgerGrain Ledger => Grains.GetGrain<ILedgerGrain>(LedgerIds.Main);

    /// <summary>The steps of a stake: pending write → ledger transfer → applied write → stake index → durable marker.</summary>
    public static TheoryData<string, int, bool> StakeSteps() => Steps(("staking-account", 0), ("journal-", 0), ("staking-account", 1), ("stake-index", 0), ("staking-record", 0));

    /// <summary>The steps of a penalty: penalty write (with its slash owed) → slash transfer → stake index → durable marker.</summary>
    public static TheoryData<string, int, bool> PenaltySteps() => Steps(("staking-account", 0), ("journal-", 0), ("stake-index", 0), ("staking-record", 0));

    /// <summary>The steps of a review: review write → durable marker.</summary>
    public static TheoryData<string, int, bool> ReviewSteps() => Steps(("staking-account", 0), ("staking-record", 0));

    [Theory, MemberData(nameof(StakeSteps))]
    public async Task A_stake_interrupted_at_any_step_is_charged_once_and_recorded_once(string state, int skip, bool afterWrite)
    {
        var account = Account("stake", state, skip, afterWrite);
        Assert.Equal(TransferResultCode.Ok, await Ledger.DepositAsync($"fund-{account}", account, Deposit));
        var fired = fixture.Faults.Fired;
        fixture.Faults.Arm(state, afterWrite ? FaultKind.AfterWrite : FaultKind.BeforeWrite, skip);
        var standing = await RetryAsync(() => Grains.GetGrain<IStakingGrain>(account).StakeAsync("s1", Amount));
        fixture.Faults.Disarm();
        Assert.Equal(fired + 1, fixture.Faults.Fired); // the step was really interrupted

        Assert.Equal(Amount, standing.Stake);
        Assert.Equal(Deposit - Amount, await Ledger.GetBalanceAsync(account));
        var statement = await Ledger.GetStatementAsync(account, 0, 100);
        Assert.Single(statement.Entries, e => e.TransferId == StakingIds.StakeTransferId(account, "s1"));
        Assert.Equal(standing, await Grains.GetGrain<IStakingGrain>(account).StakeAsync("s1", Amount)); // once more: nothing moves
        await AssertDeliveredAsync(account, StakingOperationKind.Stake, "s1", Amount);
        await AssertLedgerInvariantsAsync();
    }

    [Theory, MemberData(nameof(PenaltySteps))]
    public async Task A_penalty_interrupted_at_any_step_slashes_once(string state, int skip, bool afterWrite)
    {
        var account = Account("penalty", state, skip, afterWrite);
        await Ledger.DepositAsync($"fund-{account}", account, Deposit);
        await Grains.GetGrain<IStakingGrain>(account).StakeAsync("s1", Amount);
        var fractionBps = (await Grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync()).Parameters.SlashingFractionBps;
        var fired = fixture.Faults.Fired;
        fixture.Faults.Arm(state, afterWrite ? FaultKind.AfterWrite : FaultKind.BeforeWrite, skip);
        var slashed = await RetryAsync(() => Grains.GetGrain<IStakingCurationGrain>(account).PenaliseAsync("p1", "duplicate rows"));
        fixture.Faults.Disarm();
        Assert.Equal(fired + 1, fixture.Faults.Fired); // the step was really interrupted

        Assert.Equal(Amount * fractionBps / 10_000, slashed);
        Assert.Equal(slashed, await Grains.GetGrain<IStakingCurationGrain>(account).PenaliseAsync("p1", "duplicate rows"));
        var standing = await Grains.GetGrain<IStakingGrain>(account).GetStandingAsync();
        Assert.Equal((1, Amount - slashed, slashed), (standing.Penalties, standing.Stake, standing.Slashed));
        var treasury = await Ledger.GetStatementAsync(AccountId.Protocol, 0, 1_000);
        Assert.Single(treasury.Entries, e => e.TransferId == StakingIds.SlashTransferId(account, "p1"));
        await AssertDeliveredAsync(account, StakingOperationKind.Penalty, "p1", slashed);
        await AssertLedgerInvariantsAsync();
    }

    [Theory, MemberData(nameof(ReviewSteps))]
    public async Task A_review_interrupted_at_any_step_counts_once(string state, int skip, bool afterWrite)
    {
        var account = Account("review", state, skip, afterWrite);
        var fired = fixture.Faults.Fired;
        fixture.Faults.Arm(state, afterWrite ? FaultKind.AfterWrite : FaultKind.BeforeWrite, skip);
        await RetryAsync(async () =>
        {
            await Grains.GetGrain<IStakingCurationGrain>(account).RecordReviewAsync("r1", 3, 1);
            return 0;
        });
        fixture.Faults.Disarm();
        Assert.Equal(fired + 1, fixture.Faults.Fired); // the step was really interrupted
        await Grains.GetGrain<IStakingCurationGrain>(account).RecordReviewAsync("r1", 3, 1);
        var standing = await Grains.GetGrain<IStakingGrain>(account).GetStandingAsync();
        Assert.Equal((3L, 1L, 0.75), (standing.AcceptedRows, standing.RejectedRows, standing.Reputation));
        var marker = await Grains.GetGrain<IStakingRecordGrain>(IStakingRecordGrain.KeyOf(account, StakingOperationKind.Review, "r1")).GetAsync();
        Assert.Equal((3L, 1L), (marker!.Amount, marker.Rejected));
    }

    [Fact]
    public async Task A_penalty_retried_after_governance_changed_answers_its_first_outcome_or_applies_the_new_one_if_nothing_was_recorded()
    {
        const string recorded = "gov-recorded", lost = "gov-lost";
        foreach (var account in new[] { recorded, lost })
        {
            await Ledger.DepositAsync($"fund-{account}", account, Deposit);
            await Grains.GetGrain<IStakingGrain>(account).StakeAsync("s1", Amount);
            Touch(account);
        }
        fixture.Faults.Arm("staking-account", FaultKind.AfterWrite); // the penalty is recorded, its caller sees a failure
        await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<IStakingCurationGrain>(recorded).PenaliseAsync("p1", "duplicate rows"));
        fixture.Faults.Arm("staking-account", FaultKind.BeforeWrite); // nothing is recorded
        await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<IStakingCurationGrain>(lost).PenaliseAsync("p1", "duplicate rows"));
        fixture.Faults.Disarm();

        // Governance raises the slashing fraction from 10 % to 50 % before the retries (four large stakers pass it).
        var whales = Enumerable.Range(0, 4).Select(i => $"gov-whale-{i}").ToArray();
        foreach (var whale in whales)
        {
            await Ledger.DepositAsync($"fund-{whale}", whale, 100_000_000);
            await Grains.GetGrain<IStakingGrain>(whale).StakeAsync("s1", 100_000_000);
            Touch(whale);
        }
        var parameters = Grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main);
        var proposal = Grains.GetGrain<IProposalGrain>("harsher-slashing");
        var made = await proposal.ProposeAsync(whales[0], (await parameters.GetCurrentAsync()).Parameters with { SlashingFractionBps = 5_000 });
        foreach (var whale in whales) await proposal.VoteAsync(whale, support: true);
        fixture.Faults.Clock.Advance(made.VotingEndsAt - fixture.Faults.Clock.GetUtcNow() + TimeSpan.FromTicks(1)); // the voting period ends
        Assert.Equal(5_000, (await proposal.ExecuteAsync()).Parameters.SlashingFractionBps);

        Assert.Equal(Amount / 10, await Grains.GetGrain<IStakingCurationGrain>(recorded).PenaliseAsync("p1", "duplicate rows")); // its first outcome
        Assert.Equal(Amount / 2, await Grains.GetGrain<IStakingCurationGrain>(lost).PenaliseAsync("p1", "duplicate rows")); // applied now, once
        foreach (var account in new[] { recorded, lost })
            Assert.Equal(1, (await Grains.GetGrain<IStakingGrain>(account).GetStandingAsync()).Penalties);
        await AssertLedgerInvariantsAsync();
    }

    [Fact]
    public async Task Ids_older_than_the_recent_window_are_still_recognised_and_stake_ids_belong_to_their_account()
    {
        const string alice = "window-alice", bob = "window-bob";
        await Ledger.DepositAsync("fund-window-alice", alice, 1_000);
        await Ledger.DepositAsync("fund-window-bob", bob, 1_000);
        var count = StakingAccountGrain.RecentWindow + 8;
        for (var i = 0; i < count; i++) await Grains.GetGrain<IStakingGrain>(alice).StakeAsync($"s{i}", 1);
        for (var i = 0; i < count; i++) await Grains.GetGrain<IStakingCurationGrain>(alice).RecordReviewAsync($"r{i}", 1, 0);
        Touch(alice);

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // old ids now only in their markers
        var again = await Grains.GetGrain<IStakingGrain>(alice).StakeAsync("s0", 1);
        Assert.Equal(count, again.Stake);
        Assert.Equal("stake.exists", (await Assert.ThrowsAsync<OpenLedgerException>(() => Grains.GetGrain<IStakingGrain>(alice).StakeAsync("s0", 2))).ErrorCode);
        await Grains.GetGrain<IStakingCurationGrain>(alice).RecordReviewAsync("r0", 1, 0);
        Assert.Equal(count, (await Grains.GetGrain<IStakingGrain>(alice).GetStandingAsync()).AcceptedRows);
        Assert.Equal(1_000 - count, await Ledger.GetBalanceAsync(alice));

        var bobs = await Grains.GetGrain<IStakingGrain>(bob).StakeAsync("s0", 5); // the same id, another account: its own stake
        Touch(bob);
        Assert.Equal(5, bobs.Stake);
        Assert.Equal(995, await Ledger.GetBalanceAsync(bob));
        await AssertLedgerInvariantsAsync();
    }

    [Fact]
    public async Task A_curator_penalises_a_submission_at_most_once_per_curation_round()
    {
        const string owner = "round-owner", contributor = "round-contributor";
        var datanet = Grains.GetGrain<IDatanetGrain>("round-net");
        await datanet.CreateAsync(owner, new DatanetMetadata("Rounds", "", "", [], "tabular", 2, 2));
        var rows = Enumerable.Range(0, 8).Select(i => new ContributionRow([i, 1.0 + i * i], i % 2)).ToList();
        await datanet.SubmitAsync("sub", contributor, rows);
        for (long row = 1; row <= 5; row++) await datanet.RejectAdversarialAsync(owner, [row], "flipped labels"); // five calls, one row each
        var standing = await Grains.GetGrain<IStakingGrain>(contributor).GetStandingAsync();
        Assert.Equal(1, standing.Penalties);
        Assert.Equal(5, standing.RejectedRows);

        await datanet.ReviewAsync(owner, [7], approve: true);
        await datanet.PublishVersionAsync(owner); // the round ends
        await datanet.RejectAdversarialAsync(owner, [6], "flipped labels");
        Assert.Equal(2, (await Grains.GetGrain<IStakingGrain>(contributor).GetStandingAsync()).Penalties);
    }

    private static TheoryData<string, int, bool> Steps(params (string State, int Skip)[] steps)
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var (state, skip) in steps)
        {
            data.Add(state, skip, false);
            data.Add(state, skip, true);
        }
        return data;
    }

    private static string Account(string operation, string state, int skip, bool afterWrite)
    {
        var account = $"{operation}-{state.TrimEnd('-')}-{skip}-{(afterWrite ? "after" : "before")}";
        Touch(account);
        return account;
    }

    private static void Touch(string account)
    {
        lock (Gate) Touched.Add(account);
    }

    /// <summary>Calls until the operation answers (at most five times): what a client does with a transient failure.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < 5 && e is not OpenLedgerException)
            {
            }
        }
    }

    /// <summary>The owed effects arrived: the stake index holds the stake, the id has its durable marker.</summary>
    private async Task AssertDeliveredAsync(string account, StakingOperationKind kind, string id, long amount)
    {
        var stake = (await Grains.GetGrain<IStakingGrain>(account).GetStandingAsync()).Stake;
        var indexed = await Grains.GetGrain<IStakeIndexBucketGrain>(StakeIndex.BucketOf(account)).GetStakesAsync();
        Assert.Equal(stake, indexed.Single(e => e.Account == account).Stake);
        var marker = await Grains.GetGrain<IStakingRecordGrain>(IStakingRecordGrain.KeyOf(account, kind, id)).GetAsync();
        Assert.Equal((kind, id, amount), (marker!.Kind, marker.Id, marker.Amount));
    }

    private async Task AssertLedgerInvariantsAsync()
    {
        string[] accounts;
        lock (Gate) accounts = [.. Touched];
        var standings = await Task.WhenAll(accounts.Select(a => Grains.GetGrain<IStakingGrain>(a).GetStandingAsync()));
        Assert.Equal(standings.Sum(s => s.Stake), await Ledger.GetBalanceAsync(StakingIds.EscrowAccount));
        Assert.Equal(standings.Sum(s => s.Slashed), await Ledger.GetBalanceAsync(AccountId.Protocol));
    }
}
