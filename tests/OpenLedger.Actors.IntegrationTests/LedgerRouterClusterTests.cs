using Nethereum.Signer;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Claims;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The ledger in three partitions on three silos, reached only through the normal paths (operator deposits,
/// inference sessions, staking, the router's claim): payers and fee recipients spread over the partitions, so fees
/// cross partitions as owed credits. After quiescence (every outbox empty): each partition balances, the transit
/// accounts cancel, debits = credits over all partitions, and every balance is what the operations moved.
/// </summary>
public sealed class LedgerRouterClusterTests
{
    private const int Partitions = 3;
    private const long Deposit = 1_000_000;
    private static readonly EthECKey OwnerKey = new("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    [Fact]
    public async Task Inferences_stakes_and_claims_over_three_partitions_balance_once_credits_are_applied()
    {
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Silos = 3,
            Settings = new Dictionary<string, string?> { ["OpenLedger:Ledger:Partitions"] = Partitions.ToString() },
            ArtifactStore = new InMemoryArtifactStore(),
        });
        IGrainFactory grains = cluster.Client;
        var router = new LedgerRouter(grains, Partitions);
        var map = new PartitionMap(Partitions);
        // Three contributors held by each partition, and payers in every partition: fees cross partitions every way.
        var contributors = Enumerable.Range(0, Partitions).SelectMany(p => Enumerable.Range(1, 100).Select(i => $"contrib-router-{i}").Where(c => map.PartitionOf(c) == p).Take(3));
        var scenario = new Scenario(grains, "router") { Contributors = contributors.ToArray() };
        Assert.Equal(Partitions, scenario.Contributors.Select(map.PartitionOf).Distinct().Count());
        await scenario.PublishAsync();
        await scenario.TrainAsync();

        var payers = Enumerable.Range(0, Partitions).SelectMany(p => Enumerable.Range(0, 100).Select(i => $"agent-router-{i}").Where(a => map.PartitionOf(a) == p).Take(2)).ToList();
        Assert.Equal(Partitions, payers.Select(map.PartitionOf).Distinct().Count());
        var operators = grains.GetGrain<IOperatorGrain>(OperatorIds.Main);
        var receipts = new List<AttributionReceipt>();
        foreach (var payer in payers)
        {
            Assert.Equal(TransferResultCode.Ok, await operators.DepositAsync($"fund-{payer}", payer, Deposit));
            var session = grains.GetGrain<IInferenceSessionGrain>($"session-{payer}");
            await session.OpenAsync(payer, scenario.ModelId, topK: 10);
            for (var i = 0; i < 3; i++)
                receipts.Add((await session.InferAsync(new InferenceRequest($"q{i}", scenario.QueryFeatures(i), scenario.QueryLabel(i)))).Receipt);
        }
        Assert.Contains(receipts.SelectMany(r => r.Postings), p => map.PartitionOf(p.CreditAccount) != map.PartitionOf(p.DebitAccount));

        // A stake moves money from the staker's partition to the escrow's.
        var staker = payers.First(p => map.PartitionOf(p) != map.PartitionOf(StakingIds.EscrowAccount));
        await grains.GetGrain<IStakingGrain>(staker).StakeAsync("s1", 10_000);

        // A transfer whose debits span partitions is refused before any partition sees it.
        var (a, b) = (payers[0], payers.First(p => map.PartitionOf(p) != map.PartitionOf(payers[0])));
        var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => router.PostAsync(new TransferRequest("span",
            [new TransferPosting(a, "x-1", 1, "fee.contributor"), new TransferPosting(b, "x-1", 1, "fee.contributor")])));
        Assert.Equal(PartitionRoute.DebitsSpanPartitionsCode, refused.ErrorCode);

        await QuiesceAsync(router);

        // A claim: the earner registers an owner and claims half of what it earned, signed for the ledger id.
        var earner = scenario.Contributors.OrderByDescending(c => c, StringComparer.Ordinal).First(c => receipts.Any(r => r.Postings.Any(p => p.CreditAccount == c)));
        var earned = await router.GetBalanceAsync(earner);
        Assert.True(earned > 1, $"{earner} earned {earned}");
        Assert.Equal(TransferResultCode.Ok, await router.OpenAccountAsync(new AccountRegistration(earner, AccountKind.Contributor, OwnerKey.GetPublicAddress())));
        var domain = await router.GetClaimDomainAsync();
        Assert.Equal(LedgerIds.Main, domain.Ledger);
        const string destination = "0x00000000000000000000000000000000000000d1";
        var claimed = earned / 2;
        var signature = ClaimTypedData.Sign(new ClaimMessage(domain.Ledger, "c1", earner, claimed, destination), domain.ChainId, OwnerKey.GetPrivateKey());
        Assert.Equal(TransferResultCode.Ok, await router.ClaimAsync(new ClaimRequest("c1", earner, claimed, destination, signature)));
        Assert.Equal(earned - claimed, await router.GetBalanceAsync(earner));
        var export = await router.ExportClaimablesAsync(map.PartitionOf(earner));
        Assert.Contains(export.Entries, e => e.Account == earner && e.Amount == earned - claimed);
        Assert.Equal(Partitions, export.Partitions);

        await QuiesceAsync(router);

        // Every balance is what the operations moved: each payer paid its fees (and the staker its stake)...
        foreach (var payer in payers)
        {
            var paid = receipts.Where(r => r.Postings.Any(p => p.DebitAccount == payer)).Sum(r => r.Fee);
            Assert.Equal(Deposit - paid - (payer == staker ? 10_000 : 0), await router.GetBalanceAsync(payer));
        }
        Assert.Equal(10_000, await router.GetBalanceAsync(StakingIds.EscrowAccount));
        // ...every fee credit reached its account's own partition (applied, in its statement, nothing pending)...
        foreach (var credited in receipts.SelectMany(r => r.Postings).Select(p => p.CreditAccount).Distinct())
        {
            var statement = await router.GetStatementAsync(credited, 0, 1_000);
            Assert.Equal(0, statement.PendingCredit);
            Assert.Equal(statement.Balance, statement.Entries.Sum(e => e.Amount));
            foreach (var receipt in receipts.Where(r => r.Postings.Any(p => p.CreditAccount == credited)))
                Assert.Contains(statement.Entries, e => e.TransferId == receipt.LedgerTransferId || e.Reference == receipt.LedgerTransferId);
            Assert.Equal(0, (await router.GetAccountAsync(credited))!.PendingCredit);
        }
        // ...and what entered (deposits) less what left (the claim) is exactly what the ledger's accounts hold.
        var summary = await router.GetSummaryAsync();
        Assert.Equal(payers.Count * Deposit, summary.Deposited);
        var held = 0L;
        for (var p = 0; p < Partitions; p++)
        {
            var part = await router.Partition(p).GetSummaryAsync();
            Assert.Equal(0, part.BalanceSum); // each partition balances on its own, transit accounts included
            Assert.Equal(0, part.OwedCredits);
            var externals = await router.Partition(p).GetBalancesAsync([AccountId.ExternalDeposits, AccountId.ExternalClaims, .. Enumerable.Range(0, Partitions).Select(map.TransitAccount)]);
            held -= externals.Values.Sum();
        }
        Assert.Equal(payers.Count * Deposit - claimed, held);
        // The deposits' source is held in every partition: its statement walks every copy, a few lines a page.
        var sourceLines = new List<StatementEntry>();
        var after = 0L;
        do
        {
            var page = await router.GetStatementAsync(AccountId.ExternalDeposits, after, 3);
            Assert.Equal(-payers.Count * Deposit, page.Balance);
            Assert.Equal(payers.Count, page.TotalLines);
            sourceLines.AddRange(page.Entries);
            after = page.NextAfterLine ?? -1;
        }
        while (after >= 0);
        Assert.Equal(payers.Count, sourceLines.Count);
        Assert.Equal(payers.Order(StringComparer.Ordinal), sourceLines.Select(e => e.Counterparty).Order(StringComparer.Ordinal));
        Assert.Equal(-payers.Count * Deposit, sourceLines.Sum(e => e.Amount));
        Assert.Equal(sourceLines.Select(e => e.Line).Distinct().Count(), sourceLines.Count);
        Assert.True(sourceLines.Select(e => e.Line).SequenceEqual(sourceLines.Select(e => e.Line).Order()), "merged lines ascend");
        Assert.Equal("statement.after_line", (await Assert.ThrowsAsync<OpenLedgerException>(() => router.GetStatementAsync(AccountId.ExternalDeposits, MergedStatementCursor.Compose(Partitions - 1, 0) + (1L << MergedStatementCursor.LineBits)))).ErrorCode);
        Assert.Equal(0, summary.BalanceSum); // debits = credits over all partitions
        Assert.Equal(Partitions, summary.Partitions);
        var transit = await Task.WhenAll(router.AllPartitions.Select(g => g.GetBalancesAsync(Enumerable.Range(0, Partitions).Select(map.TransitAccount).ToList())));
        for (var s = 0; s < Partitions; s++)
            for (var t = 0; t < Partitions; t++)
                if (s != t) Assert.Equal(0, transit[s].GetValueOrDefault(map.TransitAccount(t)) + transit[t].GetValueOrDefault(map.TransitAccount(s)));
        Assert.Equal(summary.TransferCount, (await Task.WhenAll(router.AllPartitions.Select(g => g.GetSummaryAsync()))).Sum(s => s.TransferCount));
    }

    /// <summary>Waits until no partition owes another anything (every outbox empty).</summary>
    private static async Task QuiesceAsync(LedgerRouter router)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await router.GetSummaryAsync()) is { OwedCredits: > 0 } summary)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still {summary.OwedCredits} credits owed after 60 s.");
            await Task.Delay(100);
        }
    }
}
