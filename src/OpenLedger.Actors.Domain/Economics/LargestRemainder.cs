namespace OpenLedger.Actors.Domain.Economics;

/// <summary>
/// Apportions an integer total in proportion to non-negative integer weights by the largest-remainder
/// (Hamilton) method, in exact integer arithmetic: every part gets ⌊total·wᵢ/W⌋, and the units left
/// over go one each to the largest remainders; equal remainders go to the lower index first. The parts
/// always sum to the total and none is negative.
/// </summary>
public static class LargestRemainder
{
    public static long[] Apportion(long total, IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentNullException.ThrowIfNull(weights);
        var parts = new long[weights.Count];
        if (weights.Count == 0)
        {
            if (total != 0) throw new ArgumentException("A non-zero total needs at least one weight.", nameof(weights));
            return parts;
        }
        Int128 weightSum = 0;
        foreach (var w in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(weights));
            weightSum += w;
        }
        if (weightSum == 0) throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        var remainders = new Int128[weights.Count];
        long assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (Int128)total * weights[i];
            parts[i] = (long)(product / weightSum);
            remainders[i] = product % weightSum;
            assigned += parts[i];
        }
        var leftover = total - assigned; // < weights.Count
        if (leftover > 0)
        {
            var order = Enumerable.Range(0, weights.Count)
                .OrderByDescending(i => remainders[i])
                .ThenBy(i => i)
                .Take((int)leftover);
            foreach (var i in order) parts[i]++;
        }
        return parts;
    }

    /// <summary>
    /// Apportions by non-negative real weights. The weights are first turned into exact integers on a
    /// common 2⁵² scale (relative to the largest weight), so the result is exact and deterministic.
    /// </summary>
    public static long[] Apportion(long total, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var max = 0.0;
        foreach (var w in weights)
        {
            if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"Weights must be finite and non-negative, got {w}.", nameof(weights));
            max = Math.Max(max, w);
        }
        if (max == 0 && weights.Count > 0) throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        const double scale = 1L << 52;
        var integerWeights = weights.Select(w => (long)Math.Round(w / max * scale)).ToArray();
        return Apportion(total, integerWeights);
    }
}
