using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Operators;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Grains.Security;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Idempotency;

namespace OpenLedger.Actors.IntegrationTests.Security;

/// <summary>
/// Attack suite, cluster side (issue 14, finding 2: "anyone on the network is an operator"): on a real 3-silo cluster
/// over loopback TCP, a gateway client calling an internal interface — ledger deposits and postings, account opening,
/// API key issuance, penalties, attribution totals, the explorer's feed, idempotency records — is refused with
/// <c>call.internal_interface</c> and changes nothing, also when it forges the silo's hosted-client identity (which
/// Orleans reports as the call's SourceId) or presents a proof made with another key. Silo code and grain-to-grain
/// calls pass, and the explicit operator interface still serves certificate-holding operator services.
/// </summary>
public sealed class ClusterTrustBoundaryTests : IAsyncLifetime
{
    private static readonly ConcurrentQueue<(string Method, GrainId? Source, string Outcome)> LedgerCalls = new();
    private TcpCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TcpCluster.StartAsync($"trust-{Guid.NewGuid():N}"[..20], silos: 3,
            configure: silo => silo.AddIncomingGrainCallFilter(async context =>
            {
                // Sees each ledger call (before the silo's own filters) with the sender Orleans reports and how it ended.
                if (!context.InterfaceName.Contains("ILedgerGrain", StringComparison.Ordinal))
                {
                    await context.Invoke();
                    return;
                }
                try
                {
                    await context.Invoke();
                    LedgerCalls.Enqueue((context.MethodName, context.SourceId, "ok"));
                }
                catch (OpenLedgerException e)
                {
                    LedgerCalls.Enqueue((context.MethodName, context.SourceId, e.ErrorCode));
                    throw;
                }
            }));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_gateway_client_cannot_call_internal_interfaces_and_changes_nothing()
    {
        var ledger = _cluster.SiloGrains().GetGrain<ILedgerGrain>(LedgerIds.Main);
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("seed", "victim", 1_000)); // silo code passes
        var before = await ledger.GetSummaryAsync();

        using var client = _cluster.Client(gateway: 1);
        await client.StartAsync();
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var attacks = new (string Name, Func<Task> Call)[]
        {
            ("deposit", () => grains.GetGrain<ILedgerGrain>(LedgerIds.Main).DepositAsync("mallory-1", "mallory", 1_000_000_000_000)),
            ("post", () => grains.GetGrain<ILedgerGrain>(LedgerIds.Main).PostAsync(new TransferRequest("steal", [new TransferPosting("victim", "mallory", 1_000, "fee.contributor")]))),
            ("open-account", () => grains.GetGrain<ILedgerGrain>(LedgerIds.Main).OpenAccountAsync(new AccountRegistration("mallory", AccountKind.Payer, CreditLimit: 500_000))),
            ("issue-key", () => grains.GetGrain<IApiKeyGrain>("mallorykey0000001").IssueAsync(new ApiKeyRecord("mallorykey0000001", new string('0', 64), "mallory", [ApiRoles.Operator], "mallory", DateTimeOffset.UtcNow))),
            ("read-key", () => grains.GetGrain<IApiKeyGrain>("mallorykey0000001").GetAsync()),
            ("penalise", () => grains.GetGrain<OpenLedger.Actors.Grains.Staking.IStakingCurationGrain>("victim").PenaliseAsync("p-1", "spite")),
            ("record-review", () => grains.GetGrain<OpenLedger.Actors.Grains.Staking.IStakingCurationGrain>("mallory").RecordReviewAsync("r-1", 1_000, 0)),
            ("stake-victim", () => grains.GetGrain<IStakingGrain>("victim").StakeAsync("s-1", 1_000)),
            ("record-totals", () => grains.GetGrain<IAttributionGrain>("any-model").RecordAsync("inference:x|y", [])),
            ("explorer-feed", () => grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog).FlushAsync()),
            ("idempotency", () => grains.GetGrain<IIdempotencyGrain>("k|1").BeginAsync("fingerprint")),
        };
        foreach (var (name, call) in attacks)
        {
            var refused = await Assert.ThrowsAsync<OpenLedgerException>(call);
            Assert.True(refused.ErrorCode == InternalCallGuardFilter.ErrorCode && refused.Kind == ErrorKind.Forbidden, $"{name}: {refused.ErrorCode}");
        }

        var after = await ledger.GetSummaryAsync();
        Assert.Equal(before, after);
        Assert.Equal(0, await ledger.GetBalanceAsync("mallory"));
        Assert.Null(await ledger.GetAccountAsync("mallory"));
        Assert.Null(await _cluster.SiloGrains(2).GetGrain<IApiKeyGrain>("mallorykey0000001").GetAsync());
        Assert.Equal(0, (await _cluster.SiloGrains(1).GetGrain<IStakingGrain>("victim").GetStandingAsync()).Penalties);

        // Reads and the operator interface stay open to certificate-holding services; grain-to-grain calls pass.
        Assert.Equal(1_000, await grains.GetGrain<ILedgerGrain>(LedgerIds.Main).GetBalanceAsync("victim"));
        Assert.Equal(TransferResultCode.Ok, await grains.GetGrain<IOperatorGrain>(OperatorIds.Main).DepositAsync("operator-1", "agent", 500));
        Assert.Equal(500, await ledger.GetBalanceAsync("agent"));
    }

    [Fact]
    public async Task A_client_forging_the_silos_hosted_client_identity_or_a_proof_is_refused()
    {
        var ledger = _cluster.SiloGrains().GetGrain<ILedgerGrain>(LedgerIds.Main);
        var before = await ledger.GetSummaryAsync();

        // Orleans reports the sender id the client wrote into its messages: this client claims to be silo 1's hosted client.
        var hosted = $"hosted-{_cluster.SiloAddress(0).ToParsableString()}";
        using (var forger = _cluster.Client(gateway: 1, configure: client => client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5))))
        {
            ForgeClientId(forger, hosted);
            await forger.StartAsync();
            // The answer may reach the forger or, as the identity is shared, the real hosted client; either way it is a refusal.
            var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
                forger.Services.GetRequiredService<IClusterClient>().GetGrain<ILedgerGrain>(LedgerIds.Main).DepositAsync("forged-1", "mallory", 1_000_000));
            Assert.True(failure is TimeoutException || failure is OpenLedgerException { ErrorCode: InternalCallGuardFilter.ErrorCode }, failure.ToString());
            var seen = Assert.Single(LedgerCalls, call => call.Method.Contains("Deposit", StringComparison.Ordinal) && call.Source?.ToString()?.Contains(hosted, StringComparison.Ordinal) == true);
            Assert.Equal(InternalCallGuardFilter.ErrorCode, seen.Outcome); // Orleans believed the sender; the guard did not
        }

        // A proof made with any key but the cluster's is worthless.
        var otherKey = InternalCallProof.ForKey(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        using (var guesser = _cluster.Client(gateway: 2, configure: client => client.UseInternalCallKey(otherKey)))
        {
            await guesser.StartAsync();
            var refused = await Assert.ThrowsAsync<OpenLedgerException>(() =>
                guesser.Services.GetRequiredService<IClusterClient>().GetGrain<ILedgerGrain>(LedgerIds.Main).DepositAsync("guessed-1", "mallory", 1_000_000));
            Assert.Equal(InternalCallGuardFilter.ErrorCode, refused.ErrorCode);
        }

        // Read through silo 3: the forged registration also hijacks responses meant for silo 1's real hosted client, a
        // denial of service Orleans allows any gateway client — one reason only certificate holders reach the gateway.
        var survivor = _cluster.SiloGrains(2).GetGrain<ILedgerGrain>(LedgerIds.Main);
        Assert.Equal(before, await survivor.GetSummaryAsync());
        Assert.Equal(0, await survivor.GetBalanceAsync("mallory"));
    }

    /// <summary>Sets the id an Orleans client connects and sends under (internal to Orleans: reached by reflection, as an attacker would patch it).</summary>
    private static void ForgeClientId(IHost client, string name)
    {
        var detailsType = Type.GetType("Orleans.LocalClientDetails, Orleans.Core", throwOnError: true)!;
        var details = client.Services.GetRequiredService(detailsType);
        var clientIdType = Type.GetType("Orleans.Runtime.ClientGrainId, Orleans.Core.Abstractions", throwOnError: true)!;
        var forged = clientIdType.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, [typeof(string)])!.Invoke(null, [name]);
        detailsType.GetField("<ClientId>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(details, forged);
    }
}
