using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime.Services;
using Orleans.Services;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>Each silo's receiver of penalty counts (a grain service: one per silo, for its lifetime).</summary>
[Alias("openledger.IPenaltySnapshotService")]
public interface IPenaltySnapshotService : IGrainService
{
    [Alias("announce")] Task AnnounceAsync(string account, int penalties);
}

[Reentrant]
public sealed class PenaltySnapshotService(GrainId id, Silo silo, ILoggerFactory loggerFactory, PenaltySnapshots snapshots)
    : GrainService(id, silo, loggerFactory), IPenaltySnapshotService
{
    public Task AnnounceAsync(string account, int penalties)
    {
        snapshots.Offer(account, penalties);
        return Task.CompletedTask;
    }
}

/// <summary>Reaches the <see cref="IPenaltySnapshotService"/> of a given silo.</summary>
public sealed class PenaltySnapshotServiceClient(IServiceProvider services) : GrainServiceClient<IPenaltySnapshotService>(services)
{
    public IPenaltySnapshotService On(SiloAddress silo) => GetGrainService(silo);
}
