using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.TestSupport;
using Orleans.Configuration;
using Orleans.Storage;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The embedded default keeps grain state in memory with Orleans' binary serializer (nothing outlives the process, so
/// no stored format must stay readable; JSON cost ~20 % of an inference's CPU), and state written that way reads back
/// after the grain is collected and activated again.
/// </summary>
public sealed class InMemoryStorageFormatTests
{
    [Fact]
    public async Task In_memory_grain_state_uses_the_binary_serializer_and_survives_a_reactivation()
    {
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions { ClientActsAsSilo = true });
        var options = cluster.GetSiloServiceProvider().GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get(StorageNames.GrainState);
        Assert.IsType<OrleansGrainStorageSerializer>(options.GrainStorageSerializer);

        var ledger = cluster.Client.GetGrain<ILedgerGrain>(LedgerIds.Main);
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("fmt-1", "agent-format", 1_234));
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(1_234, await cluster.Client.GetGrain<ILedgerGrain>(LedgerIds.Main).GetBalanceAsync("agent-format"));
        Assert.Equal(TransferResultCode.Exists, await ledger.DepositAsync("fmt-1", "agent-format", 1_234));
    }
}
