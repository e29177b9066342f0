using Microsoft.Extensions.Time.Testing;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The farming simulation (issue 5), run through the grains of a two-silo cluster: honest contributors and four
/// attackers — a duplicate spammer, a label-flipper, a wash-trader paying for inferences on their own model with their
/// own data, and a whale trying to pass a proposal alone. Each attacker's net profit (ledger balance + remaining stake −
/// money put in) must be ≤ 0, honest contributors must receive the contributors' rewards, and the whale's proposal must
/// fail while the honest majority's passes and takes effect (receipts then name the new parameter version).
/// The spammer is slashed below the minimum stake after one round and must top up to try again.
/// The curator follows a written policy: reject as adversarial any submission whose validation score is below 0.5,
/// approve the rest (duplicates are final and never approved).
/// </summary>
public sealed class FarmingSimulationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long HonestStake = 1_500, AttackerStake = 1_000, WhaleStake = 9_000, Fee = 1_000;
    private static readonly TimeSpan VotingPeriod = TimeSpan.FromSeconds(6);
    private readonly InMemoryArtifactStore _artifacts = new();
    private readonly FakeTimeProvider _clock = SimulatedTime.StartingNow(); // the voting period passes when the test says
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;
    private ILedgerGrain Ledger => Grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
    private IStakingGrain Staking(string account) => Grains.GetGrain<IStakingGrain>(account);
    private IGovernanceParametersGrain Parameters => Grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main);
    private IProposalGrain Proposal(string id) => Grains.GetGrain<IProposalGrain>(id);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["OpenLedger:Governance:MinimumStake"] = "1000",
            ["OpenLedger:Governance:SlashingFractionBps"] = "5000",
            ["OpenLedger:Governance:PenaltyThreshold"] = "0",
            ["OpenLedger:Governance:PenalizedRewardBps"] = "0",
            ["OpenLedger:Governance:VotingDelay"] = "00:00:00",
            ["OpenLedger:Governance:VotingPeriod"] = VotingPeriod.ToString(),
            ["OpenLedger:Governance:Timelock"] = "00:00:00",
            ["OpenLedger:Governance:QuorumBps"] = "3000",
            ["OpenLedger:Governance:VoterCapBps"] = "1000",
            ["OpenLedger:Governance:DailyRowQuota"] = "1000",
        };
        _cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Silos = 2,
            Settings = settings,
            ArtifactStore = _artifacts,
            Clock = _clock,
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Attackers_do_not_profit_honest_contributors_are_paid_and_a_whale_cannot_govern_alone()
    {
        var data = TestData.Digits;
        var deposits = new Dictionary<string, long>();
        async Task FundAndStakeAsync(string account, long stake, long extra = 0)
        {
            deposits[account] = stake + extra;
            Assert.Equal(TransferResultCode.Ok, await Ledger.DepositAsync($"fund-{account}", account, stake + extra));
            await Staking(account).StakeAsync($"stake-{account}", stake);
        }
        List<ContributionRow> Rows(int from, int count, Func<int, int>? label = null, double noise = 0) =>
            Enumerable.Range(from, count).Select(i => new ContributionRow(
                data.Row(i).ToArray().Select((v, j) => v + (j % 2 == 0 ? noise : -noise)).ToArray(), label?.Invoke(i) ?? data.Labels[i])).ToList();

        // Everyone but the platform stakes; an unstaked contributor is refused and nothing is recorded.
        var honest = Enumerable.Range(1, 5).Select(i => $"honest-{i}").ToArray();
        const string owner = "sim-owner", modeller = "sim-modeller", platform = "sim-platform";
        const string spammer = "attacker-duplicates", flipper = "attacker-flips", washer = "attacker-wash", whale = "attacker-whale";
        foreach (var h in honest) await FundAndStakeAsync(h, HonestStake);
        await FundAndStakeAsync(spammer, AttackerStake);
        await FundAndStakeAsync(flipper, AttackerStake);
        await FundAndStakeAsync(washer, AttackerStake, extra: 50_000);
        await FundAndStakeAsync(whale, WhaleStake);

        var datanet = Grains.GetGrain<IDatanetGrain>("sim-digits");
        await datanet.CreateAsync(owner, new DatanetMetadata("Digits", "8×8 digits", "", ["vision"], "tabular", data.Dimension, data.ClassCount));
        var unstaked = await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.SubmitAsync("free-ride", "no-stake", Rows(0, 10)));
        Assert.Equal("stake.required", unstaked.ErrorCode);
        Assert.Equal(0, (await datanet.GetInfoAsync()).PendingCount);

        for (var h = 0; h < honest.Length; h++) await datanet.SubmitAsync($"h{h}", honest[h], Rows(h * 200, 200));
        // The spammer resubmits honest rows with invisible noise, twice; the flipper submits real rows with wrong labels.
        var spam1 = await datanet.SubmitAsync("spam-1", spammer, Rows(0, 100, noise: 1e-3));
        var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.SubmitAsync("spam-2", spammer, Rows(400, 100, noise: 1e-3)));
        Assert.Equal("stake.required", refused.ErrorCode); // the first slash took the spammer below the minimum stake
        await Ledger.DepositAsync("top-up-spammer", spammer, AttackerStake / 2);
        deposits[spammer] += AttackerStake / 2;
        await Staking(spammer).StakeAsync("top-up-spammer", AttackerStake / 2);
        var spam2 = await datanet.SubmitAsync("spam-2", spammer, Rows(400, 100, noise: 1e-3));
        var flips = await datanet.SubmitAsync("flips", flipper, Rows(1_000, 100, label: i => (data.Labels[i] + 3) % 10));
        Assert.All(spam1.Rows.Concat(spam2.Rows), r => Assert.Equal(ContributionStatus.Duplicate, r.Status));
        Assert.All(spam1.Rows, r => Assert.Equal(r.RowId, r.DuplicateOfRowId!.Value + 1_000)); // the honest originals keep the credit
        Assert.True(flips.ValidationScore < 0.5, $"flipped labels scored {flips.ValidationScore}");

        // The curator's round: page through all rows, judge each submission by its validation score.
        var all = new List<ContributionRecord>();
        for (var offset = 0; ; offset += 1_000)
        {
            var page = await datanet.ListContributionsAsync(offset, 1_000);
            all.AddRange(page);
            if (page.Count < 1_000) break;
        }
        var scores = new Dictionary<string, double>();
        foreach (var submission in all.GroupBy(r => r.SubmissionId))
        {
            var judged = submission.Where(r => r.LabelPlausibility is not null).Select(r => r.LabelPlausibility!.Value).ToArray();
            var score = judged.Length == 0 ? 1.0 : judged.Average();
            scores[submission.Key] = score;
            var pending = submission.Where(r => r.Status == ContributionStatus.Pending).Select(r => r.RowId).ToList();
            if (pending.Count == 0) continue;
            if (score < 0.5) await datanet.RejectAdversarialAsync(owner, pending, "labels contradict their neighbourhood");
            else await datanet.ReviewAsync(owner, pending, approve: true);
        }
        Assert.All(honest.Select((_, h) => scores[$"h{h}"]), s => Assert.True(s >= 0.5));
        var version = await datanet.PublishVersionAsync(owner);
        Assert.Equal(1_000, version.RowCount); // the honest rows only

        // The honest model serves a platform's paid inferences on unseen digits.
        await Grains.GetGrain<IModelGrain>("sim-model").TrainAndWaitAsync(new TrainModelRequest(modeller, "sim-digits", version.Version, Fee, 0.01));
        await Ledger.DepositAsync("fund-platform", platform, 10_000_000);
        await Grains.GetGrain<IInferenceSessionGrain>("sim-session").OpenAsync(platform, "sim-model", topK: 10);
        var receipts = new List<AttributionReceipt>();
        for (var q = 0; q < 150; q++)
        {
            var result = await Grains.GetGrain<IInferenceSessionGrain>("sim-session").InferAsync(new InferenceRequest($"q{q}", data.Row(1_300 + q).ToArray()));
            receipts.Add(result.Receipt);
        }
        Assert.All(receipts, r => Assert.Equal(1, r.ParameterVersion));

        // The wash-trader curates their own Datanet with their own rows, trains their own model and pays for inferences on it.
        var washNet = Grains.GetGrain<IDatanetGrain>("wash-digits");
        await washNet.CreateAsync(washer, new DatanetMetadata("Wash", "own rows", "", [], "tabular", data.Dimension, data.ClassCount));
        var washRows = await washNet.SubmitAsync("own", washer, Rows(1_100, 150));
        await washNet.ReviewAsync(washer, washRows.Rows.Select(r => r.RowId).ToList(), approve: true);
        var washVersion = await washNet.PublishVersionAsync(washer);
        await Grains.GetGrain<IModelGrain>("wash-model").TrainAndWaitAsync(new TrainModelRequest(washer, "wash-digits", washVersion.Version, Fee, 0.01));
        await Grains.GetGrain<IInferenceSessionGrain>("wash-session").OpenAsync(washer, "wash-model", topK: 10);
        for (var q = 0; q < 40; q++)
            await Grains.GetGrain<IInferenceSessionGrain>("wash-session").InferAsync(new InferenceRequest($"w{q}", data.Row(1_500 + q).ToArray()));

        // Governance: the whale (about half of all stake) proposes alone; the honest stakers propose together.
        var fairer = (await Parameters.GetCurrentAsync()).Parameters with { ContributorsBps = 5_500, ProtocolBps = 500 };
        var greedy = fairer with { ContributorsBps = 1_000, ModelOwnerBps = 6_500, ProtocolBps = 500 };
        var whaleProposal = await Proposal("whale-fees").ProposeAsync(whale, greedy);
        var honestProposal = await Proposal("honest-fees").ProposeAsync(honest[0], fairer);
        await Proposal("whale-fees").VoteAsync(whale, support: true);
        await Proposal("honest-fees").VoteAsync(whale, support: false);
        foreach (var h in honest)
        {
            await Proposal("honest-fees").VoteAsync(h, support: true);
            await Proposal("whale-fees").VoteAsync(h, support: false);
        }
        Assert.Equal("conflict", (await Assert.ThrowsAsync<OpenLedgerException>(() => Proposal("whale-fees").VoteAsync(whale, false))).Kind.ToString().ToLowerInvariant());
        _clock.Advance(whaleProposal.VotingEndsAt - _clock.GetUtcNow() + TimeSpan.FromTicks(1)); // the voting period ends
        var whaleFinal = await Proposal("whale-fees").GetAsync();
        var honestFinal = await Proposal("honest-fees").GetAsync();
        Assert.Equal("defeated", whaleFinal.State);
        Assert.Equal("succeeded", honestFinal.State);
        Assert.Equal(whaleFinal.VoterCap, whaleFinal.VotesFor); // capped: half the stake counts as a tenth
        Assert.Equal("proposal.not_succeeded", (await Assert.ThrowsAsync<OpenLedgerException>(() => Proposal("whale-fees").ExecuteAsync())).ErrorCode);
        var inForce = await Proposal("honest-fees").ExecuteAsync();
        Assert.Equal(2, inForce.Version);
        Assert.Equal(5_500, inForce.Parameters.ContributorsBps);
        var after = await Grains.GetGrain<IInferenceSessionGrain>("sim-session").InferAsync(new InferenceRequest("after-vote", data.Row(1_700).ToArray()));
        Assert.Equal(2, after.Receipt.ParameterVersion);
        Assert.Equal(Fee * 5_500 / 10_000, after.Receipt.Postings.Where(p => p.Code == "fee.contributor").Sum(p => p.Amount));

        // Outcome: net profit = balance + remaining stake − money put in.
        async Task<long> ProfitAsync(string account) =>
            await Ledger.GetBalanceAsync(account) + (await Staking(account).GetStandingAsync()).Stake - deposits[account];
        var contributorRewards = receipts.Append(after.Receipt).SelectMany(r => r.Postings).Where(p => p.Code == "fee.contributor")
            .GroupBy(p => p.CreditAccount).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        var totalRewards = contributorRewards.Values.Sum();
        var honestShare = honest.Sum(h => contributorRewards.GetValueOrDefault(h)) / (double)totalRewards;

        output.WriteLine($"{"account",-22} {"put in",10} {"balance",10} {"stake",8} {"slashed",8} {"penalties",9} {"net profit",11}");
        foreach (var account in honest.Append(spammer).Append(flipper).Append(washer).Append(whale))
        {
            var standing = await Staking(account).GetStandingAsync();
            output.WriteLine($"{account,-22} {deposits[account],10:N0} {await Ledger.GetBalanceAsync(account),10:N0} {standing.Stake,8:N0} {standing.Slashed,8:N0} {standing.Penalties,9} {await ProfitAsync(account),11:N0}");
        }
        output.WriteLine($"contributor rewards on the honest model: {totalRewards:N0} micro-units, honest share {honestShare:P2}; whale proposal {whaleFinal.State} " +
            $"(for {whaleFinal.VotesFor:N0} capped at {whaleFinal.VoterCap:N0}, quorum {whaleFinal.Quorum:N0}), honest proposal {honestFinal.State} → parameter version {inForce.Version}");

        Assert.True(await ProfitAsync(spammer) < 0);
        Assert.True(await ProfitAsync(flipper) < 0);
        Assert.True(await ProfitAsync(washer) < 0);
        Assert.True(await ProfitAsync(whale) <= 0);
        Assert.All(honest, h => Assert.True(contributorRewards.GetValueOrDefault(h) > 0, $"{h} earned nothing"));
        Assert.Equal(1.0, honestShare);
        // Slashes went to the protocol through the ledger, and stakes are all accounted for in the escrow.
        var standings = await Task.WhenAll(honest.Append(spammer).Append(flipper).Append(washer).Append(whale).Select(a => Staking(a).GetStandingAsync()));
        Assert.Equal(standings.Sum(s => s.Stake), await Ledger.GetBalanceAsync(StakingIds.EscrowAccount));
        Assert.Equal(AttackerStake, standings.Single(s => s.Account == spammer).Slashed); // half of 1,000, then half of the topped-up 1,000
        Assert.Equal(AttackerStake / 2, standings.Single(s => s.Account == flipper).Slashed);
        var treasury = await Ledger.GetStatementAsync(AccountId.Protocol, 0, 1_000);
        Assert.Equal(standings.Sum(s => s.Slashed), treasury.Entries.Where(e => e.Code == "stake.slashed").Sum(e => e.Amount));
    }

    [Fact]
    public async Task A_quota_refusal_changes_nothing_and_governance_replays_its_log_after_deactivation()
    {
        var data = TestData.Digits;
        await Ledger.DepositAsync("fund-q", "quota-user", 5_000);
        await Staking("quota-user").StakeAsync("stake-q", 5_000);
        var datanet = Grains.GetGrain<IDatanetGrain>("quota-digits");
        await datanet.CreateAsync("quota-owner", new DatanetMetadata("Digits", "", "", [], "tabular", data.Dimension, data.ClassCount));
        var rows = Enumerable.Range(0, 1_001).Select(i => new ContributionRow(data.Row(i).ToArray(), data.Labels[i])).ToList();
        await datanet.SubmitAsync("first", "quota-user", rows[..900]);

        var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.SubmitAsync("second", "quota-user", rows[900..]));
        Assert.Equal(ErrorKind.QuotaExceeded, refused.Kind);
        Assert.Equal("quota.rows", refused.ErrorCode);
        Assert.Equal(900, (await datanet.GetInfoAsync()).PendingCount);
        await datanet.SubmitAsync("second", "quota-user", rows[900..1_000]); // exactly the rest of the day's quota fits

        var proposal = await Proposal("replayed").ProposeAsync("quota-user", (await Parameters.GetCurrentAsync()).Parameters with { TopK = 20 });
        await Proposal("replayed").VoteAsync("quota-user", support: true);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var replayed = await Proposal("replayed").GetAsync();
        Assert.Equal(proposal.TotalStake, replayed.TotalStake);
        Assert.Equal(5_000, replayed.TotalStake);
        Assert.Equal(replayed.VoterCap, replayed.VotesFor); // the vote survived the replay (capped at a tenth of the stake)
        var different = (await Parameters.GetCurrentAsync()).Parameters with { TopK = 30 };
        Assert.Equal("proposal.exists", (await Assert.ThrowsAsync<OpenLedgerException>(() => Proposal("replayed").ProposeAsync("quota-user", different))).ErrorCode);
    }
}
