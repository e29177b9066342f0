using Nethereum.Signer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Claims;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// A credit owed by another partition, while it is still owed: the receiving account shows it as pending (account and
/// statement), its balance does not include it, and neither a claim nor a transfer can draw on it. Once delivered it
/// is in the balance, pending is 0, and the same claim succeeds. Deliveries are held back by a grain call filter on
/// the receiving side, so the credit stays owed for as long as the test needs.
/// </summary>
public sealed class LedgerPendingCreditTests
{
    private static readonly EthECKey OwnerKey = new("0x6c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362319");

    [Fact]
    public async Task An_owed_credit_is_pending_until_applied_and_cannot_be_claimed_or_spent_before()
    {
        var deliveries = new DeliveryGate();
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Silos = 1,
            Settings = new Dictionary<string, string?> { ["OpenLedger:Ledger:Partitions"] = "2" },
            ArtifactStore = new InMemoryArtifactStore(),
            ConfigureSilo = silo => silo.AddIncomingGrainCallFilter(async call =>
            {
                if (call.InterfaceMethod?.Name == nameof(ILedgerGrain.ApplyOwedCreditsAsync) && deliveries.Held)
                {
                    deliveries.Refused();
                    throw new TimeoutException("Delivery held back by the test.");
                }
                await call.Invoke();
            }),
        });
        var router = new LedgerRouter(cluster.Client, 2);
        var map = new PartitionMap(2);
        var payer = Enumerable.Range(0, 100).Select(i => $"payer-{i}").First(a => map.PartitionOf(a) == 0);
        var earner = Enumerable.Range(0, 100).Select(i => $"earner-{i}").First(a => map.PartitionOf(a) == 1);
        Assert.Equal(TransferResultCode.Ok, await router.OpenAccountAsync(new AccountRegistration(earner, AccountKind.Contributor, OwnerKey.GetPublicAddress())));
        Assert.Equal(TransferResultCode.Ok, await router.Partition(0).DepositAsync("fund", payer, 1_000));
        Assert.Equal(TransferResultCode.Ok, await router.Partition(1).DepositAsync("seed", earner, 10));

        deliveries.Held = true;
        Assert.Equal(TransferResultCode.Ok, await router.PostAsync(new TransferRequest("fee-1",
            [new TransferPosting(payer, earner, 70, "fee.contributor"), new TransferPosting(payer, earner, 5, "fee.curator")])));
        await WaitUntilAsync(() => deliveries.RefusedCount > 0, "the held delivery was never attempted");

        // Owed, not applied: pending on the account and its statement, not in the balance.
        var account = (await router.GetAccountAsync(earner))!;
        Assert.Equal((10L, 75L), (account.Balance, account.PendingCredit));
        var statement = await router.GetStatementAsync(earner);
        Assert.Equal((10L, 75L), (statement.Balance, statement.PendingCredit));
        Assert.DoesNotContain(statement.Entries, e => e.TransferId == "fee-1");
        Assert.Equal((1, 75L), ((await router.GetSummaryAsync()).OwedCredits, (await router.GetSummaryAsync()).OwedAmount));
        // Neither a claim nor a transfer draws on it.
        var domain = await router.GetClaimDomainAsync();
        var claim = Sign(domain, "c-1", earner, 60);
        Assert.Equal(TransferResultCode.InsufficientFunds, await router.ClaimAsync(claim));
        Assert.Equal(TransferResultCode.InsufficientFunds, await router.PostAsync(new TransferRequest("spend-1", [new TransferPosting(earner, payer, 50, "fee.contributor")])));
        Assert.Equal(10, await router.GetBalanceAsync(earner));

        // Delivered: in the balance and the statement, nothing pending, and the same claim now applies.
        deliveries.Held = false;
        await WaitUntilAsync(async () => (await router.GetSummaryAsync()).OwedCredits == 0, "the credit was never delivered");
        account = (await router.GetAccountAsync(earner))!;
        Assert.Equal((85L, 0L), (account.Balance, account.PendingCredit));
        statement = await router.GetStatementAsync(earner);
        Assert.Equal(0, statement.PendingCredit);
        Assert.Equal(statement.Balance, statement.Entries.Sum(e => e.Amount));
        Assert.Contains(statement.Entries, e => e.TransferId == "fee-1" || e.Reference == "fee-1");
        Assert.Equal(TransferResultCode.Ok, await router.ClaimAsync(claim));
        Assert.Equal(25, await router.GetBalanceAsync(earner));
        Assert.Equal(0, (await router.GetSummaryAsync()).BalanceSum);
    }

    private static ClaimRequest Sign(ClaimDomain domain, string claimId, string account, long amount)
    {
        const string destination = "0x00000000000000000000000000000000000000d2";
        var signature = ClaimTypedData.Sign(new ClaimMessage(domain.Ledger, claimId, account, amount, destination), domain.ChainId, OwnerKey.GetPrivateKey());
        return new ClaimRequest(claimId, account, amount, destination, signature);
    }

    private static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    /// <summary>Whether owed-credit deliveries are refused (as if the receiving partition could not be reached), and how many were.</summary>
    private sealed class DeliveryGate
    {
        private int _refused;

        public volatile bool Held;

        public int RefusedCount => Volatile.Read(ref _refused);

        public void Refused() => Interlocked.Increment(ref _refused);
    }
}
