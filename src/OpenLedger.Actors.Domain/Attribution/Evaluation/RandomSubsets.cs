namespace OpenLedger.Actors.Domain.Attribution.Evaluation;

/// <summary>Seeded random subsets of the training rows, each keeping exactly ⌊α·N⌉ rows.</summary>
public static class RandomSubsets
{
    /// <summary>Returns <paramref name="count"/> masks over <paramref name="rowCount"/> rows (true = kept).</summary>
    public static bool[][] Draw(int rowCount, double alpha, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 2);
        var kept = (int)Math.Round(alpha * rowCount, MidpointRounding.AwayFromZero);
        if (kept < 1 || kept >= rowCount) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"α·N must keep between 1 and {rowCount - 1} rows.");
        var random = new Random(seed);
        var order = Enumerable.Range(0, rowCount).ToArray();
        var masks = new bool[count][];
        for (var j = 0; j < count; j++)
        {
            random.Shuffle(order);
            var mask = masks[j] = new bool[rowCount];
            for (var k = 0; k < kept; k++) mask[order[k]] = true;
        }
        return masks;
    }

    /// <summary>A seeded sample of <paramref name="count"/> distinct row indices (all rows when count ≥ N), ascending.</summary>
    public static int[] Sample(int rowCount, int count, int seed)
    {
        var order = Enumerable.Range(0, rowCount).ToArray();
        new Random(seed).Shuffle(order);
        var sample = order[..Math.Min(count, rowCount)];
        Array.Sort(sample);
        return sample;
    }
}
