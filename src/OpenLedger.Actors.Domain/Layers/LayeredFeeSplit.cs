using OpenLedger.Actors.Domain.Economics;

namespace OpenLedger.Actors.Domain.Layers;

/// <summary>
/// The fee split of an inference on a layered model: protocol, model owner and contributors exactly as
/// <see cref="FeeSplitter"/> splits them (contributors by positive influence, whichever layer their rows are in); the
/// curators' part goes to the layers' curator pools by <see cref="LayerCuratorSplit"/> (influence shares and the governed
/// floor), each pool then settling with its Datanet's curators by its own transfer. Parts sum to the fee exactly;
/// zero parts are left out; pools are in manifest order.
/// </summary>
public static class LayeredFeeSplit
{
    /// <param name="layerCuratorPools">Each layer's curator pool account, in manifest order (see <see cref="RecipientCap.CuratorPoolAccount"/>).</param>
    /// <param name="shares">The inference's layer shares (one per pool).</param>
    /// <param name="layerFloorBps">The governed floor per layer (0 = influence only).</param>
    public static IReadOnlyList<FeeAllocation> Split(
        long fee,
        FeeSharePolicy policy,
        string protocolAccount,
        string modelOwnerAccount,
        IReadOnlyList<string> layerCuratorPools,
        LayerShares shares,
        int layerFloorBps,
        IReadOnlyDictionary<string, double> contributorInfluence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fee);
        policy.Validated();
        ArgumentException.ThrowIfNullOrEmpty(protocolAccount);
        ArgumentException.ThrowIfNullOrEmpty(modelOwnerAccount);
        ArgumentNullException.ThrowIfNull(layerCuratorPools);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(contributorInfluence);
        if (layerCuratorPools.Count != shares.LayerCount) throw new ArgumentException("One curator pool per layer is required.", nameof(layerCuratorPools));
        var top = FeeSplitter.RoleParts(fee, policy);
        var allocations = new List<FeeAllocation>();
        if (top[0] > 0) allocations.Add(new FeeAllocation(protocolAccount, top[0], FeeRecipientRole.Protocol));
        if (top[1] > 0) allocations.Add(new FeeAllocation(modelOwnerAccount, top[1], FeeRecipientRole.ModelOwner));
        var pools = LayerCuratorSplit.Apportion(top[2], shares.PartsPerBillion, layerFloorBps);
        for (var layer = 0; layer < pools.Length; layer++)
        {
            if (pools[layer] > 0) allocations.Add(new FeeAllocation(layerCuratorPools[layer], pools[layer], FeeRecipientRole.CuratorPool));
        }
        allocations.AddRange(FeeSplitter.ContributorParts(top[3], contributorInfluence, protocolAccount));
        return allocations;
    }
}
