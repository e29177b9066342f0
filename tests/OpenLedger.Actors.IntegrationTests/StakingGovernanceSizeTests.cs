using System.Diagnostics;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Grains.Staking;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Size tests of staking and governance on Azurite (issue 13): the loads that broke the single staking and governance
/// grains, through a real two-silo cluster whose state is in Azure Table storage. Every write must succeed and the
/// largest stored entity of each grain type must stay under its written budget (README, "Size budgets"), measured on
/// the stored table entities. <c>./test.sh</c> runs a smaller plan; <c>OPENLEDGER_SIZE_SCALE=full</c> runs 10× the
/// break points (tests/soak/size-budgets.sh): 30,000 staked accounts, 60,590 stake ids / 33,920 penalties / 192,470
/// review ids on one account, 1,000 proposals with 1,000 stakers and 50 votes each, 50,000 votes on one proposal.
/// </summary>
[Trait("Category", "Size")]
public sealed class StakingGovernanceSizeTests(ITestOutputHelper output)
{
    public const long AccountBudget = 64 * 1024, IndexBucketBudget = 512 * 1024, RecordBudget = 1024,
        ProposalBudget = 4 * 1024, VoteBucketBudget = 512 * 1024, ParameterHeadBudget = 4 * 1024;

    private static readonly bool Full = Environment.GetEnvironmentVariable("OPENLEDGER_SIZE_SCALE") == "full";
    private static readonly int Parallelism = 32;

    [Fact]
    public async Task Thirty_thousand_staked_accounts_fit_their_budgets()
    {
        var accounts = Full ? 30_000 : 200;
        await using var run = await SizeRun.StartAsync(output, "stakes");
        static string Account(int i) => $"staker-{i:D6}-{new string('x', 100)}"; // long names: the budget is for the longest
        await run.ForEachAsync(accounts, async (grains, i) =>
            Assert.Equal(TransferResultCode.Ok, await grains.GetGrain<ILedgerGrain>(LedgerIds.Main).DepositAsync($"fund-{i}", Account(i), 1_000)));
        await run.ForEachAsync(accounts, async (grains, i) =>
            Assert.Equal(1_000, (await grains.GetGrain<IStakingGrain>(Account(i)).StakeAsync("stake-1", 1_000)).Stake));
        var proposal = await run.Grains.GetGrain<IProposalGrain>("over-all-stakers").ProposeAsync(Account(0),
            (await run.Grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync()).Parameters with { TopK = 11 });
        Assert.Equal(accounts * 1_000L, proposal.TotalStake);
        Assert.Equal(accounts * 1_000L, await run.Grains.GetGrain<ILedgerGrain>(LedgerIds.Main).GetBalanceAsync(StakingIds.EscrowAccount));

        var sizes = await run.MeasureAsync(("stakingaccount", AccountBudget), ("stakeindexbucket", IndexBucketBudget), ("stakingrecord", RecordBudget), ("proposal", ProposalBudget));
        Assert.Equal(accounts, sizes["stakingaccount"].Entities);
        Assert.Equal(Enumerable.Range(0, accounts).Select(i => StakeIndex.BucketOf(Account(i))).Distinct().Count(), sizes["stakeindexbucket"].Entities);
    }

    [Fact]
    public async Task Stake_ids_penalties_and_review_ids_of_one_account_do_not_grow_its_state()
    {
        int stakes = Full ? 60_590 : 100, penalties = Full ? 33_920 : 60, reviews = Full ? 192_470 : 200;
        const string account = "busy-account";
        await using var run = await SizeRun.StartAsync(output, "ids");
        var grains = run.Grains;
        Assert.Equal(TransferResultCode.Ok, await grains.GetGrain<ILedgerGrain>(LedgerIds.Main).DepositAsync("fund-busy", account, 10L * stakes));
        var staking = grains.GetGrain<IStakingGrain>(account);
        static string StakeId(int i) => $"stake-{i}-{new string('s', 100)}";
        for (var i = 0; i <= StakingAccountGrain.RecentWindow; i++) await staking.StakeAsync(StakeId(i), 10); // just past the window, in order
        var sizeAfterWindow = (await run.MeasureAsync(("stakingaccount", AccountBudget)))["stakingaccount"].Bytes;
        // The rest is queued at the account grain (it still runs one call at a time): the client's round trip no longer
        // sits between two calls. Every id is distinct, so the order does not change what is recorded.
        var first = StakingAccountGrain.RecentWindow + 1;
        await run.ForEachAsync(stakes - first, async (grains, i) => await grains.GetGrain<IStakingGrain>(account).StakeAsync(StakeId(first + i), 10));
        await run.ForEachAsync(penalties, async (grains, i) =>
            await grains.GetGrain<IStakingCurationGrain>(account).PenaliseAsync($"penalty-{i}-{new string('p', 100)}", new string('r', 200)));
        await run.ForEachAsync(reviews, async (grains, i) => await grains.GetGrain<IStakingCurationGrain>(account).RecordReviewAsync($"review-{i}-{new string('v', 100)}", 1, 0));

        var standing = await staking.GetStandingAsync();
        Assert.Equal((penalties, (long)reviews), (standing.Penalties, standing.AcceptedRows));
        Assert.Equal(10L * stakes - standing.Slashed, standing.Stake);
        await staking.StakeAsync(StakeId(0), 10); // the oldest id is still recognised: nothing moves
        Assert.Equal(standing.Stake, (await staking.GetStandingAsync()).Stake);

        var sizes = await run.MeasureAsync(("stakingaccount", AccountBudget), ("stakingrecord", RecordBudget));
        Assert.Equal(stakes + penalties + reviews, sizes["stakingrecord"].Entities); // one durable marker per id
        output.WriteLine($"account state after {StakingAccountGrain.RecentWindow + 1} stakes: {sizeAfterWindow:N0} bytes; after {stakes + penalties + reviews:N0} operations: {sizes["stakingaccount"].Bytes:N0} bytes");
    }

    [Fact]
    public async Task A_thousand_proposals_over_a_thousand_stakers_with_fifty_votes_each_fit_their_budgets()
    {
        int proposals = Full ? 1_000 : 12, stakers = 1_000, votes = 50;
        await using var run = await SizeRun.StartAsync(output, "proposals", open: true);
        await run.SeedStakersAsync(stakers);
        var parameters = (await run.Grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync()).Parameters;
        await run.ForEachAsync(proposals, async (grains, p) =>
        {
            var proposal = grains.GetGrain<IProposalGrain>($"proposal-{p:D5}");
            var made = await proposal.ProposeAsync(SizeRun.Proposer, parameters with { TopK = 1 + p % 100 });
            Assert.Equal(stakers + 1, made.TotalStake / 1_000); // and the proposer
            for (var v = 0; v < votes; v++) await proposal.VoteAsync(SizeRun.Staker((p * 7 + v) % stakers), support: v % 3 != 0);
        });
        var last = await run.Grains.GetGrain<IProposalGrain>($"proposal-{proposals - 1:D5}").GetAsync();
        Assert.True(last.VotesFor > 0 && last.VotesAgainst > 0);
        await run.MeasureAsync(("proposal", ProposalBudget), ("proposalvotebucket", VoteBucketBudget), ("stakeindexbucket", IndexBucketBudget));
    }

    [Fact]
    public async Task Fifty_thousand_votes_on_one_proposal_fit_their_budgets()
    {
        var voters = Full ? 50_000 : 1_000;
        await using var run = await SizeRun.StartAsync(output, "votes", open: true);
        await run.SeedStakersAsync(voters);
        var proposal = run.Grains.GetGrain<IProposalGrain>("popular");
        var parameters = (await run.Grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync()).Parameters;
        Assert.Equal(voters + 1, (await proposal.ProposeAsync(SizeRun.Proposer, parameters with { TopK = 12 })).TotalStake / 1_000);
        await run.ForEachAsync(voters, async (grains, v) => await grains.GetGrain<IProposalGrain>("popular").VoteAsync(SizeRun.Staker(v), support: v % 4 != 0));
        await run.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // the tally is rebuilt from the buckets
        var info = await proposal.GetAsync();
        Assert.Equal(voters * 1_000L, info.VotesFor + info.VotesAgainst); // every vote counted once (1,000 each, under the cap)
        await run.MeasureAsync(("proposal", ProposalBudget), ("proposalvotebucket", VoteBucketBudget), ("stakeindexbucket", IndexBucketBudget));
    }

    /// <summary>One Azurite-backed cluster under its own service id, with the helpers the size tests share.</summary>
    private sealed class SizeRun : IAsyncDisposable
    {
        public const string Proposer = "size-proposer";
        private readonly ITestOutputHelper _output;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        private SizeRun(ITestOutputHelper output, string serviceId, InProcessTestCluster cluster)
        {
            _output = output;
            ServiceId = serviceId;
            Cluster = cluster;
        }

        public string ServiceId { get; }
        public InProcessTestCluster Cluster { get; }
        public IGrainFactory Grains => Cluster.Client;

        public static string Staker(int i) => $"voter-{i:D6}-{new string('v', 100)}";

        public static async Task<SizeRun> StartAsync(ITestOutputHelper output, string name, bool open = false)
        {
            await AzuriteEnvironment.RequireRunningAsync();
            var serviceId = $"size-{name}-{Guid.NewGuid():N}"[..24];
            var settings = new Dictionary<string, string?>();
            if (open)
            {
                settings["OpenLedger:Governance:VotingDelay"] = "00:00:00";
                settings["OpenLedger:Governance:VotingPeriod"] = "06:00:00";
            }
            return new SizeRun(output, serviceId, await AzuriteCluster.StartAsync(serviceId, SizeScale.Silos(Full), settings));
        }

        /// <summary>Runs <paramref name="count"/> operations, <see cref="Parallelism"/> at a time (<see cref="SizeScale.RunAsync"/>).</summary>
        public Task ForEachAsync(int count, Func<IGrainFactory, int, Task> operation) =>
            SizeScale.RunAsync(_output, count, Parallelism, i => operation(Grains, i));

        /// <summary>
        /// A real staker (the proposer) and <paramref name="count"/> stakers of 1,000 each entered in the stake index the
        /// way each account's staking grain reports them (the governance tests weigh votes, they do not need the ledger).
        /// </summary>
        public async Task SeedStakersAsync(int count)
        {
            await Grains.GetGrain<ILedgerGrain>(LedgerIds.Main).DepositAsync("fund-proposer", Proposer, 1_000);
            await Grains.GetGrain<IStakingGrain>(Proposer).StakeAsync("stake", 1_000);
            await ForEachAsync(count, (grains, i) => grains.GetGrain<IStakeIndexBucketGrain>(StakeIndex.BucketOf(Staker(i))).SetAsync(Staker(i), 1_000, 1));
        }

        /// <summary>Measures the stored entities of each grain type, prints them, and asserts each largest is under its budget.</summary>
        public async Task<IReadOnlyDictionary<string, StoredEntitySizes.Largest>> MeasureAsync(params (string GrainType, long Budget)[] budgets)
        {
            var sizes = await StoredEntitySizes.MeasureAsync(ServiceId, budgets.Select(b => b.GrainType).ToArray());
            foreach (var (type, budget) in budgets)
            {
                var largest = sizes[type];
                _output.WriteLine($"{type,-20} {largest.Entities,8:N0} entities, largest {largest.Bytes,9:N0} bytes (budget {budget:N0})");
                Assert.True(largest.Entities > 0, $"no stored {type} entity was found (keys: {string.Join("; ", await StoredEntitySizes.SampleKeysAsync(ServiceId, 5))})");
                Assert.True(largest.Bytes <= budget, $"{type} {largest.PartitionKey}/{largest.RowKey} stores {largest.Bytes:N0} bytes, over its budget of {budget:N0}");
            }
            return sizes;
        }

        public async ValueTask DisposeAsync()
        {
            _output.WriteLine($"total {_clock.Elapsed.TotalSeconds:F1} s");
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
    }
}
