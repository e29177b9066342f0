using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Staking;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Retry tests of a curator's review (issue 13, item 3): the review writes the row statuses and the review count and
/// penalty it owes staking in one write, and delivers them until staking acknowledges. A storage failure is injected
/// at each step — the review write (before: nothing stored; after: stored, the caller sees an error), the staking
/// write (before/after) — and, separately, the Datanet is deactivated with its messages still owed. Whatever the step,
/// the contributor ends with exactly one review count and one slash, and the rejection record (whose page is written
/// first, <c>datanet-rejections</c>, also interrupted) holds the rejection once. Also: an invited curator reviews only after it
/// accepts.
/// </summary>
public sealed class CurationOutboxRetryTests(ScriptedFaultsFixture fixture) : IClassFixture<ScriptedFaultsFixture>
{
    private const long Deposit = 30_000, Stake = 10_000;

    private IGrainFactory Grains => fixture.Cluster.Client;

    /// <summary>The state whose write fails, before or after it reaches storage, and how many writes of states with that
    /// name prefix pass first (a review writes its rejection page, <c>datanet-rejections</c>, before the head, <c>datanet</c>).</summary>
    public static TheoryData<string, bool, int> Steps() => new()
    {
        { "datanet-rejections", false, 0 }, { "datanet-rejections", true, 0 }, { "datanet", false, 1 }, { "datanet", true, 1 },
        { "staking-account", false, 0 }, { "staking-account", true, 0 },
    };

    [Theory, MemberData(nameof(Steps))]
    public async Task A_review_interrupted_at_any_step_counts_once_and_slashes_once(string state, bool afterWrite, int skip)
    {
        var (datanet, owner, contributor) = await SetUpAsync($"{state}-{(afterWrite ? "after" : "before")}");
        var fired = fixture.Faults.Fired;
        fixture.Faults.Arm(state, afterWrite ? FaultKind.AfterWrite : FaultKind.BeforeWrite, skip);
        try
        {
            await datanet.RejectAdversarialAsync(owner, [1, 2, 3], "flipped labels");
        }
        catch (Exception e) when (e is not OpenLedgerException)
        {
            // the caller sees a failure; it retries below, as a client does
        }
        fixture.Faults.Disarm();
        Assert.Equal(fired + 1, fixture.Faults.Fired); // the step was really interrupted

        await datanet.RejectAdversarialAsync(owner, [1, 2, 3], "flipped labels"); // the retry (delivers what is owed first)
        await datanet.RejectAdversarialAsync(owner, [1, 2, 3], "flipped labels"); // and once more: nothing changes
        await AssertOnceAsync(contributor, rejectedRows: 3);
        var rows = await datanet.ListContributionsAsync(0, 10);
        Assert.Equal([ContributionStatus.Adversarial, ContributionStatus.Adversarial, ContributionStatus.Adversarial, ContributionStatus.Pending], rows.Select(r => r.Status));
        var record = Assert.Single(await datanet.ListRejectionsAsync(null, 10)); // the rejection record holds the review once
        Assert.Equal([1L, 2L, 3L], record.RowIds);
        Assert.Equal((true, "flipped labels", 0L), (record.Adversarial, record.Reason, record.Sequence));
    }

    [Fact]
    public async Task Messages_owed_when_the_Datanet_is_deactivated_are_delivered_on_its_next_activation_without_a_retry()
    {
        var (datanet, owner, contributor) = await SetUpAsync("crash");
        fixture.Faults.Arm("staking-account", FaultKind.BeforeWrite); // staking does not hear of the review
        Assert.Equal(3, await datanet.RejectAdversarialAsync(owner, [1, 2, 3], "flipped labels"));
        fixture.Faults.Disarm();
        Assert.Equal(0, (await Grains.GetGrain<IStakingGrain>(contributor).GetStandingAsync()).RejectedRows);

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await datanet.GetInfoAsync(); // any call activates it; the activation delivers
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Grains.GetGrain<IStakingGrain>(contributor).GetStandingAsync()).Penalties == 0 && DateTime.UtcNow < deadline)
        {
            fixture.Faults.Clock.Advance(TimeSpan.FromSeconds(1)); // the silos' simulated clock drives the activation's delivery timer
            await Task.Delay(200);
        }
        await AssertOnceAsync(contributor, rejectedRows: 3);
    }

    [Fact]
    public async Task An_invited_curator_neither_reviews_nor_shows_as_curator_before_it_accepts()
    {
        var (datanet, owner, _) = await SetUpAsync("consent");
        const string invited = "consent-invited";
        Assert.Equal("datanet.not_owner", (await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.AppointCuratorAsync(invited, invited))).ErrorCode);
        var info = await datanet.AppointCuratorAsync(owner, invited);
        Assert.Equal([owner], info.Curators); // the curators are who shares curator fees: not the invited account yet
        Assert.Equal([invited], info.InvitedCurators);
        Assert.Equal("curator.not_accepted", (await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.ReviewAsync(invited, [1], approve: true))).ErrorCode);
        Assert.Equal("curator.not_invited", (await Assert.ThrowsAsync<OpenLedgerException>(() => datanet.AcceptCuratorAsync("consent-stranger"))).ErrorCode);
        Assert.Equal(4, (await datanet.GetInfoAsync()).PendingCount); // the refusals changed nothing

        info = await datanet.AcceptCuratorAsync(invited);
        Assert.Equal([owner, invited], info.Curators);
        Assert.Empty(info.InvitedCurators);
        Assert.Equal(1, await datanet.ReviewAsync(invited, [1], approve: true));
        Assert.Equal(info.Curators, (await datanet.AcceptCuratorAsync(invited)).Curators); // accepting again changes nothing
    }

    private async Task<(IDatanetGrain Datanet, string Owner, string Contributor)> SetUpAsync(string name)
    {
        string owner = $"outbox-owner-{name}", contributor = $"outbox-contributor-{name}";
        var ledger = Grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync($"fund-{contributor}", contributor, Deposit));
        await Grains.GetGrain<IStakingGrain>(contributor).StakeAsync("s1", Stake);
        var datanet = Grains.GetGrain<IDatanetGrain>($"outbox-{name}");
        await datanet.CreateAsync(owner, new DatanetMetadata("Outbox", "", "", [], "tabular", 2, 2));
        await datanet.SubmitAsync("sub", contributor, Enumerable.Range(0, 4).Select(i => new ContributionRow([i, 1.0 + i * i], i % 2)).ToList());
        return (datanet, owner, contributor);
    }

    /// <summary>Exactly one review count of the rows and one slash: in the standing, the durable marker and the treasury's statement.</summary>
    private async Task AssertOnceAsync(string contributor, long rejectedRows)
    {
        var standing = await Grains.GetGrain<IStakingGrain>(contributor).GetStandingAsync();
        Assert.Equal((1, 0L, rejectedRows), (standing.Penalties, standing.AcceptedRows, standing.RejectedRows));
        var fractionBps = (await Grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync()).Parameters.SlashingFractionBps;
        Assert.Equal(Stake * fractionBps / 10_000, standing.Slashed);
        Assert.Equal(Stake - standing.Slashed, standing.Stake);
        var treasury = await Grains.GetGrain<ILedgerGrain>(LedgerIds.Main).GetStatementAsync(AccountId.Protocol, 0, 1_000);
        Assert.Single(treasury.Entries, e => e.TransferId.StartsWith($"{StakingIds.SlashTransferId(contributor, "")}", StringComparison.Ordinal));
    }
}
