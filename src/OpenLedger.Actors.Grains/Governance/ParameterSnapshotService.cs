using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Governance;
using Orleans.Concurrency;
using Orleans.Runtime.Services;
using Orleans.Services;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>Each silo's receiver of executed parameter versions (a grain service: one per silo, for its lifetime).</summary>
[Alias("openledger.IParameterSnapshotService")]
public interface IParameterSnapshotService : IGrainService
{
    [Alias("announce")] Task AnnounceAsync(ParametersInForce version);
}

[Reentrant]
public sealed class ParameterSnapshotService(GrainId id, Silo silo, ILoggerFactory loggerFactory, ParameterSnapshots snapshots)
    : GrainService(id, silo, loggerFactory), IParameterSnapshotService
{
    public Task AnnounceAsync(ParametersInForce version)
    {
        snapshots.Offer(version);
        return Task.CompletedTask;
    }
}

/// <summary>Reaches the <see cref="IParameterSnapshotService"/> of a given silo.</summary>
public sealed class ParameterSnapshotServiceClient(IServiceProvider services) : GrainServiceClient<IParameterSnapshotService>(services)
{
    public IParameterSnapshotService On(SiloAddress silo) => GetGrainService(silo);
}
