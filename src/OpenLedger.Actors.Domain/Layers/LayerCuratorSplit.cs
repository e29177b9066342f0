using OpenLedger.Actors.Domain.Economics;

namespace OpenLedger.Actors.Domain.Layers;

/// <summary>
/// Splits the curators' part of one inference's fee among the layers' curator pools (integer micro-units):
/// <list type="number">
/// <item>each layer first gets the governed floor: ⌊part · f / 10,000⌋ with the effective floor
/// f = min(floor, ⌊10,000 / layers⌋), so the floors never ask for more than the part (0 = influence only);</item>
/// <item>the rest is apportioned by the layers' influence shares (largest remainder, ties to the earlier layer); when no
/// layer influenced the inference, equally.</item>
/// </list>
/// The parts always sum to the curators' part, and each is at least its floor. Raising one layer's share, the others
/// fixed, never lowers that layer's part (largest remainder on exact integers has no population paradox when one
/// weight moves).
/// </summary>
public static class LayerCuratorSplit
{
    /// <summary>The highest floor governance may set: with two layers, half each whatever the influence.</summary>
    public const int MaxFloorBps = 5_000;

    /// <summary>The floor each layer actually gets, in basis points of the curators' part.</summary>
    public static int EffectiveFloorBps(int floorBps, int layerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(floorBps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(floorBps, MaxFloorBps);
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        return Math.Min(floorBps, FeeSharePolicy.TotalBps / layerCount);
    }

    /// <param name="curatorPart">The curators' part of the fee (micro-units).</param>
    /// <param name="layerShares">Each layer's share (e.g. <see cref="LayerShares.PartsPerBillion"/>), non-negative.</param>
    /// <param name="floorBps">The governed floor per layer, in basis points of <paramref name="curatorPart"/>.</param>
    public static long[] Apportion(long curatorPart, IReadOnlyList<long> layerShares, int floorBps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(curatorPart);
        ArgumentNullException.ThrowIfNull(layerShares);
        var layers = layerShares.Count;
        var floor = (long)((Int128)curatorPart * EffectiveFloorBps(floorBps, layers) / FeeSharePolicy.TotalBps);
        var rest = curatorPart - floor * layers;
        var weights = layerShares.Any(s => s > 0) ? layerShares : Enumerable.Repeat(1L, layers).ToArray();
        var parts = LargestRemainder.Apportion(rest, weights);
        for (var i = 0; i < layers; i++) parts[i] += floor;
        return parts;
    }
}
