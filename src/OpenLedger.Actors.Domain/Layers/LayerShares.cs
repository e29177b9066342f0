using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Economics;

namespace OpenLedger.Actors.Domain.Layers;

/// <summary>
/// For one inference, how much of its paid (positive) influence came from each layer: the summed positive scores per
/// layer, and those sums quantised to parts per billion that sum to exactly <see cref="Scale"/> (largest remainder),
/// or all 0 when no row influenced the inference positively. The quantised parts are what a receipt records and what
/// the curator split uses, so any machine reproduces the split from the receipt.
/// <para>Size budget (in a receipt, part of the inference's state): ≤ 8 layers × 16 bytes = 128 bytes.</para>
/// </summary>
public sealed record LayerShares(double[] PositiveInfluence, long[] PartsPerBillion)
{
    public const long Scale = 1_000_000_000;

    public int LayerCount => PartsPerBillion.Length;

    /// <summary>True when no layer influenced the inference positively.</summary>
    public bool IsEmpty => PartsPerBillion.All(p => p == 0);

    /// <summary>The shares of the rows an inference was attributed to (a receipt's influences, training-row indices).</summary>
    public static LayerShares Of(IEnumerable<RowInfluence> influences, LayeredTrainingSet training)
    {
        ArgumentNullException.ThrowIfNull(influences);
        ArgumentNullException.ThrowIfNull(training);
        return Of(influences.Select(i => (training.LayerOf(i.RowIndex), i.Score)), training.LayerCount);
    }

    /// <summary>The shares of (layer, score) entries; scores that are not finite and positive count for nothing.</summary>
    public static LayerShares Of(IEnumerable<(int Layer, double Score)> influences, int layerCount)
    {
        ArgumentNullException.ThrowIfNull(influences);
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        var sums = new double[layerCount];
        foreach (var (layer, score) in influences)
        {
            if ((uint)layer >= (uint)layerCount) throw new ArgumentOutOfRangeException(nameof(influences), layer, $"Layers are numbered 0 to {layerCount - 1}.");
            if (double.IsFinite(score) && score > 0) sums[layer] += score;
        }
        var parts = sums.Any(s => s > 0) ? LargestRemainder.Apportion(Scale, sums) : new long[layerCount];
        return new LayerShares(sums, parts);
    }
}
