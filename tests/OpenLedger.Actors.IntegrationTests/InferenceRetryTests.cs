using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Staking;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// A two-silo cluster whose storage fails the writes a test arms, with one trained model. The ledger tries a journal
/// write once (so an injected failure reaches the inference), and voting lasts two seconds of simulated time
/// (<see cref="ScriptedFaults.Clock"/>) so a test can change the parameters between an attempt and its retry.
/// </summary>
public sealed class InferenceRetryFixture : IAsyncLifetime
{
    internal ScriptedFaults Faults { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    internal Scenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await ScriptedFaults.StartClusterAsync(Faults, new Dictionary<string, string?>
        {
            ["OpenLedger:Ledger:WriteAttempts"] = "1",
            ["OpenLedger:Governance:VotingDelay"] = "00:00:00",
            ["OpenLedger:Governance:VotingPeriod"] = "00:00:02",
            ["OpenLedger:Governance:Timelock"] = "00:00:00",
            ["OpenLedger:Inference:DeliveryRetryInterval"] = "00:00:02", // the outbox's reminder, shortened
        }, silo => silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
        Scenario = new Scenario(Cluster.Client, "retry");
        await Scenario.PublishAsync();
        await Scenario.TrainAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>
/// Issue 13, "a charge always has its receipt": an inference's steps are inputs write → fee reservation (ledger) →
/// scan and postings write → post (ledger) → receipt write. A storage failure is injected at each of them (before the
/// write reaches storage, or after: stored but the caller sees an error), then governance changes the fee split and
/// top-k and every paid contributor is penalised, then the client retries with the same key. Every retry completes:
/// one transfer, the receipt's postings exactly the payer's statement lines, the recorded parameter version wherever
/// the inputs were recorded, nothing left reserved, and the payer's balance plus what the receipt paid out equals its
/// deposit.
/// </summary>
public sealed class InferenceRetryTests(InferenceRetryFixture fixture, ITestOutputHelper output) : IClassFixture<InferenceRetryFixture>
{
    private const long Deposit = 100_000;

    private IGrainFactory Grains => fixture.Cluster.Client;
    private ILedgerGrain Ledger => Grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
    private Scenario Scenario => fixture.Scenario;

    /// <summary>The retry table's rows: the state whose write fails, how many such writes pass first, and the step it is.</summary>
    private static readonly (string Step, string State, int Skip)[] Steps =
    [
        ("inputs", "inference", 0),
        ("reserve", "journal-0", 0), // the ledger's journal records (not its head witness, "journal-head")
        ("scan", "inference", 1),
        ("post", "journal-0", 1),
        ("receipt", "inference", 2),
    ];

    /// <summary>The cases whose scan had not been recorded when the parameters and penalties changed.</summary>
    private static readonly HashSet<string> ScannedAfterTheChange = ["inputs-before", "inputs-after", "reserve-before", "scan-before"];

    [Fact]
    public async Task An_inference_interrupted_at_any_step_and_retried_after_governance_and_penalties_changed_charges_once_with_its_receipt()
    {
        var before = await Grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync();
        var cases = new List<Case>();
        foreach (var (step, stateName, skip) in Steps)
        foreach (var kind in new[] { FaultKind.BeforeWrite, FaultKind.AfterWrite })
        {
            var name = $"{step}-{(kind == FaultKind.BeforeWrite ? "before" : "after")}";
            var session = await OpenSessionAsync(name, Deposit);
            var request = new InferenceRequest("k1", Scenario.QueryFeatures(cases.Count), Scenario.QueryLabel(cases.Count));
            var fired = fixture.Faults.Fired;
            fixture.Faults.Arm(stateName, kind, skip);
            Exception? failure = null;
            try
            {
                await session.InferAsync(request);
            }
            catch (Exception e)
            {
                failure = e;
            }
            fixture.Faults.Disarm();
            Assert.Equal(fired + 1, fixture.Faults.Fired); // the step was reached and its write failed
            Assert.False(failure is OpenLedgerException, $"{name}: {failure}"); // a storage failure, not a refusal
            cases.Add(new Case(name, session, request, failure is null));
        }

        // Between the attempts and the retries: a new fee split and top-k, and every contributor past the penalty threshold.
        var after = await ChangeParametersAsync(before.Parameters with
        {
            ProtocolBps = before.Parameters.ProtocolBps + 1_000,
            ModelOwnerBps = before.Parameters.ModelOwnerBps - 1_000,
            TopK = 2,
        });
        foreach (var contributor in Scenario.Contributors)
            for (var p = 0; p <= (int)before.Parameters.PenaltyThreshold; p++)
                await Grains.GetGrain<IStakingCurationGrain>(contributor).PenaliseAsync($"p{p}", "retry test");

        var table = new List<string>();
        var anyWithheld = false;
        foreach (var c in cases)
        {
            var result = await RetryAsync(() => c.Session.InferAsync(c.Request));
            var again = await c.Session.InferAsync(c.Request);
            var receipt = result.Receipt;
            AssertSameReceipt(receipt, again.Receipt);
            AssertSameReceipt(receipt, (await Grains.GetGrain<IInferenceGrain>(result.InferenceId).GetResultAsync())!.Receipt);

            // Only an attempt that failed before recording anything may use the new parameters; every other one keeps its own.
            var expectedVersion = c.Name == "inputs-before" ? after.Version : before.Version;
            Assert.Equal(expectedVersion, receipt.ParameterVersion);
            Assert.Equal(expectedVersion == before.Version ? Math.Min(10, before.Parameters.TopK) : 2, receipt.TopK);
            Assert.Equal(new InferenceId(c.Session.GetPrimaryKeyString(), "k1").TransferId, receipt.LedgerTransferId);

            // Postings recorded before the penalties keep full contributor rates; a scan run after them withholds part.
            var withheld = receipt.Postings.Where(p => p.Code == "fee.withheld").Sum(p => p.Amount);
            if (!ScannedAfterTheChange.Contains(c.Name)) Assert.Equal(0, withheld);
            else anyWithheld |= withheld > 0;

            var paid = await AssertChargedOnceAsync(c.Session, receipt);
            table.Add($"{c.Name}: first attempt {(c.FirstSucceeded ? "answered" : "failed")}; retry charged {paid} once (withheld {withheld}), parameter version {receipt.ParameterVersion}");
        }
        Assert.True(anyWithheld); // the penalties did bite where the split was computed after them
        var summary = await Ledger.GetSummaryAsync();
        Assert.Equal((0, 0L), (summary.OpenPending, summary.Reserved));
        Assert.Equal(0, await Ledger.GetBalanceAsync(InferenceId.ReservationAccount));
        foreach (var line in table) output.WriteLine(line);
    }

    /// <summary>
    /// Issue 13, item 3 for inferences: after the post, the receipt and its outbox (owed to the model's totals and to the
    /// explorer) are stored in one write, delivered, then acknowledged in another. A failure is injected at each point —
    /// the receipt stored but its reply lost (a crash between the post and the deliveries), each receiver's write failing
    /// before or after it lands, the acknowledgement not stored — then the client replays the request twice. Each
    /// inference is counted exactly once by the totals (every receipt row's count and score) and by the explorer.
    /// </summary>
    [Fact]
    public async Task An_inference_reaches_the_totals_and_the_explorer_exactly_once_whatever_fails_after_its_post()
    {
        (string Name, string State, FaultKind Kind, int Skip)[] cases =
        [
            ("receipt stored, reply lost", "inference", FaultKind.AfterWrite, 2),
            ("totals write fails", "attribution", FaultKind.BeforeWrite, 0),
            ("totals written, reply lost", "attribution", FaultKind.AfterWrite, 0),
            ("explorer write fails", "explorer-catalog", FaultKind.BeforeWrite, 0),
            ("explorer written, reply lost", "explorer-catalog", FaultKind.AfterWrite, 0),
            ("acknowledgement not stored", "inference", FaultKind.BeforeWrite, 3),
        ];
        var attribution = Grains.GetGrain<IAttributionGrain>(Scenario.ModelId);
        var catalog = Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog);
        var table = new List<string>();
        for (var i = 0; i < cases.Length; i++)
        {
            var (name, stateName, kind, skip) = cases[i];
            var session = await OpenSessionAsync($"deliver-{i}", Deposit);
            var request = new InferenceRequest("k1", Scenario.QueryFeatures(40 + i), Scenario.QueryLabel(40 + i));
            var totalsBefore = (await attribution.GetTopTotalsAsync(1_000)).ToDictionary(t => t.RowId);
            var countedBefore = (await catalog.GetModelAsync(Scenario.ModelId))?.InferenceCount ?? 0;

            var fired = fixture.Faults.Fired;
            fixture.Faults.Arm(stateName, kind, skip);
            var firstAnswered = true;
            try
            {
                await session.InferAsync(request);
            }
            catch (Exception e) when (e is not OpenLedgerException)
            {
                firstAnswered = false;
            }
            fixture.Faults.Disarm();
            Assert.Equal(fired + 1, fixture.Faults.Fired);

            var result = await RetryAsync(() => session.InferAsync(request)); // the client's replay delivers what is still owed
            await session.InferAsync(request);

            var totalsAfter = (await attribution.GetTopTotalsAsync(1_000)).ToDictionary(t => t.RowId);
            foreach (var entry in result.Receipt.Influences)
            {
                var was = totalsBefore.GetValueOrDefault(entry.RowId);
                Assert.Equal((was?.InferenceCount ?? 0) + 1, totalsAfter[entry.RowId].InferenceCount);
                Assert.Equal((was?.TotalScore ?? 0) + entry.Score, totalsAfter[entry.RowId].TotalScore, 12);
            }
            Assert.Equal(totalsBefore.Values.Sum(t => (long)t.InferenceCount) + result.Receipt.Influences.Count, totalsAfter.Values.Sum(t => (long)t.InferenceCount));
            Assert.Equal(countedBefore + 1, (await catalog.GetModelAsync(Scenario.ModelId))!.InferenceCount);
            table.Add($"{name}: first attempt {(firstAnswered ? "answered" : "failed")}; totals +1 on each of {result.Receipt.Influences.Count} rows, explorer +1");
        }
        foreach (var line in table) output.WriteLine(line);
    }

    /// <summary>
    /// Issue 13, the outbox's crash gaps, with a client that never retries. Either the receipt write lands but the
    /// activation dies before it delivers (the write's reply is lost), or the write never lands after the fee was
    /// posted (charged, no receipt stored); then every idle activation is collected. The reminder, registered as soon
    /// as the postings were recorded, activates the inference again: it stores the receipt if it is missing (the post
    /// answers 'exists': charged once) and delivers — the totals and the explorer count it once, the receipt can be read,
    /// and the reminder is gone afterwards.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_inference_whose_activation_dies_around_the_receipt_write_is_completed_without_a_client_retry(bool receiptStored)
    {
        var attribution = Grains.GetGrain<IAttributionGrain>(Scenario.ModelId);
        var catalog = Grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog);
        var session = await OpenSessionAsync($"crash-gap-{receiptStored}", Deposit);
        var request = new InferenceRequest("k1", Scenario.QueryFeatures(receiptStored ? 60 : 61), Scenario.QueryLabel(receiptStored ? 60 : 61));
        var countedBefore = (await catalog.GetModelAsync(Scenario.ModelId))?.InferenceCount ?? 0;
        var totalsBefore = (await attribution.GetTopTotalsAsync(1_000)).Sum(t => (long)t.InferenceCount);

        var fired = fixture.Faults.Fired;
        // The receipt write (the inference's third): stored, or not; either way the grain sees a failure and delivers nothing.
        fixture.Faults.Arm("inference", receiptStored ? FaultKind.AfterWrite : FaultKind.BeforeWrite, skip: 2);
        await Assert.ThrowsAnyAsync<Exception>(() => session.InferAsync(request));
        fixture.Faults.Disarm();
        Assert.Equal(fired + 1, fixture.Faults.Fired);
        var inference = Grains.GetGrain<IInferenceGrain>(new InferenceId(session.GetPrimaryKeyString(), "k1").ToString());
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // the activation dies with its outbox owed
        Assert.Equal(countedBefore, (await catalog.GetModelAsync(Scenario.ModelId))?.InferenceCount ?? 0); // nothing delivered yet

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await catalog.GetModelAsync(Scenario.ModelId))!.InferenceCount == countedBefore && DateTime.UtcNow < deadline)
        {
            fixture.Faults.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(250);
        }
        Assert.Equal(countedBefore + 1, (await catalog.GetModelAsync(Scenario.ModelId))!.InferenceCount);
        var receipt = (await inference.GetResultAsync())!.Receipt; // a read, not a retry: the stored receipt
        for (var wait = 0; (await attribution.GetTopTotalsAsync(1_000)).Sum(t => (long)t.InferenceCount) < totalsBefore + receipt.Influences.Count; wait++)
        {
            Assert.True(wait < 100, "the totals were not delivered");
            fixture.Faults.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }
        Assert.Equal(totalsBefore + receipt.Influences.Count, (await attribution.GetTopTotalsAsync(1_000)).Sum(t => (long)t.InferenceCount));
        await AssertChargedOnceAsync(session, receipt);

        var reminders = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();
        for (var wait = 0; await reminders.ReadRow(inference.GetGrainId(), "deliver-owed") is not null; wait++)
        {
            Assert.True(wait < 100, "the delivery reminder was not dropped once acknowledged");
            fixture.Faults.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_unfunded_payer_is_refused_before_any_scan_and_the_same_key_runs_once_funded()
    {
        const string modelId = "model-retry-unfunded";
        await Grains.GetGrain<IModelGrain>(modelId).TrainAndWaitAsync(new TrainModelRequest(Scenario.ModelOwner, Scenario.DatanetId, 1, 1_000, 0.01));
        // The training job's last stage built the index in the model's attribution grain; drop that activation so that
        // "active" below means "an inference reached the scan".
        await Grains.GetGrain<IAttributionGrain>(modelId).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        for (var wait = 0; await IsActiveAsync(nameof(AttributionGrain), modelId); wait++)
        {
            Assert.True(wait < 100, "the attribution grain did not deactivate");
            await Task.Delay(100);
        }
        var session = Grains.GetGrain<IInferenceSessionGrain>("session-unfunded");
        await session.OpenAsync("agent-unfunded", modelId, topK: 10);
        var request = new InferenceRequest("k1", Scenario.QueryFeatures(0));

        var missing = await Assert.ThrowsAsync<OpenLedgerException>(() => session.InferAsync(request));
        Assert.Equal("payer.not_found", missing.ErrorCode);
        await Grains.GetGrain<IOperatorGrain>(OperatorIds.Main).DepositAsync("fund-agent-unfunded-1", "agent-unfunded", 999);
        var poor = await Assert.ThrowsAsync<OpenLedgerException>(() => session.InferAsync(request));
        Assert.Equal((ErrorKind.InsufficientFunds, "payer.insufficient_funds"), (poor.Kind, poor.ErrorCode));
        Assert.False(await IsActiveAsync(nameof(AttributionGrain), modelId)); // no funds, no scan: the model's attribution grain never ran
        Assert.Equal((999L, 0L), await BalanceAndReservedAsync("agent-unfunded"));

        await Grains.GetGrain<IOperatorGrain>(OperatorIds.Main).DepositAsync("fund-agent-unfunded-2", "agent-unfunded", 1);
        var result = await session.InferAsync(request);
        Assert.Equal(1_000, result.Receipt.Postings.Sum(p => p.Amount));
        Assert.Equal((0L, 0L), await BalanceAndReservedAsync("agent-unfunded"));
        Assert.True(await IsActiveAsync(nameof(AttributionGrain), modelId));
    }

    [Fact]
    public async Task A_different_request_under_a_key_whose_inputs_are_recorded_is_a_conflict_and_charges_nothing()
    {
        var session = await OpenSessionAsync("conflict", Deposit);
        fixture.Faults.Arm("inference", FaultKind.BeforeWrite, skip: 1); // inputs recorded and fee reserved, the scan's write fails
        await Assert.ThrowsAnyAsync<Exception>(() => session.InferAsync(new InferenceRequest("k1", Scenario.QueryFeatures(1))));
        fixture.Faults.Disarm();
        Assert.Equal((Deposit, Scenario.Fee), await BalanceAndReservedAsync(PayerOf("conflict")));

        var conflict = await Assert.ThrowsAsync<OpenLedgerException>(() => session.InferAsync(new InferenceRequest("k1", Scenario.QueryFeatures(2))));
        Assert.Equal("inference.key_conflict", conflict.ErrorCode);
        var result = await session.InferAsync(new InferenceRequest("k1", Scenario.QueryFeatures(1))); // the original completes its reservation
        await AssertChargedOnceAsync(session, result.Receipt);
    }

    private sealed record Case(string Name, IInferenceSessionGrain Session, InferenceRequest Request, bool FirstSucceeded);

    private static string PayerOf(string name) => $"agent-retry-{name}";

    private async Task<IInferenceSessionGrain> OpenSessionAsync(string name, long deposit)
    {
        await Grains.GetGrain<IOperatorGrain>(OperatorIds.Main).DepositAsync($"fund-{PayerOf(name)}", PayerOf(name), deposit);
        var session = Grains.GetGrain<IInferenceSessionGrain>($"session-retry-{name}");
        await session.OpenAsync(PayerOf(name), Scenario.ModelId, topK: 10);
        return session;
    }

    /// <summary>
    /// The payer was charged exactly what the receipt says, by the receipt's transfer only: its statement's lines after the
    /// deposit are the receipt's postings, nothing stays reserved, and balance + paid out = deposit. Answers what was paid.
    /// </summary>
    private async Task<long> AssertChargedOnceAsync(IInferenceSessionGrain session, AttributionReceipt receipt)
    {
        var payer = (await session.GetInfoAsync()).PayerAccount;
        var paid = receipt.Postings.Sum(p => p.Amount);
        Assert.InRange(paid, 1, receipt.Fee);
        Assert.All(receipt.Postings, p => Assert.Equal(payer, p.DebitAccount));
        var lines = (await Ledger.GetStatementAsync(payer, 0, 1_000)).Entries.Where(e => e.Amount < 0).ToList();
        Assert.All(lines, l => Assert.Equal(receipt.LedgerTransferId, l.TransferId));
        Assert.Equal(receipt.Postings.Select(p => (p.CreditAccount, -p.Amount)).Order(), lines.Select(l => (l.Counterparty, l.Amount)).Order());
        Assert.Equal((Deposit - paid, 0L), await BalanceAndReservedAsync(payer));
        var reservation = await Ledger.GetPendingAsync(new InferenceId(session.GetPrimaryKeyString(), "k1").ReservationId);
        Assert.Equal((PendingTransferStatus.Posted, receipt.LedgerTransferId), (reservation!.Status, reservation.ResolvedBy));
        return paid;
    }

    private async Task<(long Balance, long Reserved)> BalanceAndReservedAsync(string account)
    {
        var info = await Ledger.GetAccountAsync(account);
        return (info?.Balance ?? 0, info?.Reserved ?? 0);
    }

    private static void AssertSameReceipt(AttributionReceipt expected, AttributionReceipt actual)
    {
        Assert.Equal(expected.Postings, actual.Postings);
        Assert.Equal(expected.Influences, actual.Influences);
        Assert.Equal(expected with { Postings = [], Influences = [] }, actual with { Postings = [], Influences = [] });
    }

    private async Task<bool> IsActiveAsync(string grainType, string key)
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Any(s => s.GrainType.Contains(grainType, StringComparison.Ordinal) && s.GrainId.Key.ToString() == key);
    }

    /// <summary>Passes <paramref name="parameters"/> through a proposal four large stakers vote for.</summary>
    private async Task<ParametersInForce> ChangeParametersAsync(GovernanceParameters parameters)
    {
        var whales = Enumerable.Range(0, 4).Select(i => $"retry-whale-{i}").ToArray();
        foreach (var whale in whales)
        {
            await Ledger.DepositAsync($"fund-{whale}", whale, 100_000_000);
            await Grains.GetGrain<IStakingGrain>(whale).StakeAsync("s1", 100_000_000);
        }
        var proposal = Grains.GetGrain<IProposalGrain>("retry-parameters");
        var made = await proposal.ProposeAsync(whales[0], parameters);
        foreach (var whale in whales) await proposal.VoteAsync(whale, support: true);
        fixture.Faults.Clock.Advance(made.VotingEndsAt - fixture.Faults.Clock.GetUtcNow() + TimeSpan.FromTicks(1)); // the voting period ends (simulated time)
        return await proposal.ExecuteAsync();
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
}
