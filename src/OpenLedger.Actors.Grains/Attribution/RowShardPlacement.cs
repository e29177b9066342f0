using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// Places row shards round-robin over the silos: a shard grain's key starts with its slot (<c>{slot}|…</c>,
/// see <see cref="AttributionShardKey"/>), and slot <c>s</c> activates on the <c>s mod n</c>-th of the n
/// compatible silos in address order. A model's consecutive shards therefore land on different silos whenever
/// there are as many silos as shards or more, and evenly otherwise — unlike hashing, which can stack a model's
/// few, large shards on one silo. A silo that joins takes the shards activated after it joined (and those of a
/// silo that left).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class RowShardPlacement : PlacementStrategy
{
    internal static readonly RowShardPlacement Instance = new();
}

/// <summary>Gives a grain class <see cref="RowShardPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RowShardPlacementAttribute() : PlacementAttribute(RowShardPlacement.Instance);

/// <summary>Chooses the silo for a <see cref="RowShardPlacement"/> activation from the slot in its key.</summary>
public sealed class RowShardPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        if (silos.Length == 0) throw new OrleansException($"No silo can host {target.GrainIdentity}.");
        var slot = AttributionShardKey.Parse(target.GrainIdentity.Key.ToString()!).Slot;
        return Task.FromResult(silos[slot % silos.Length]);
    }
}
