namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// The random ablations of context attribution: m masks over n documents, each document kept independently with
/// probability p. Drawn from a SplitMix64 stream of the seed (the k-th draw is the finaliser of seed + k · golden ratio,
/// its top 53 bits a uniform number in [0, 1), kept when below p), masks in order and documents in order within a mask,
/// so the same seed gives the same masks on every machine and runtime.
/// </summary>
public static class ContextAblationMasks
{
    public static bool[][] Sample(int documents, int masks, ulong seed, double keepProbability = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(documents);
        ArgumentOutOfRangeException.ThrowIfNegative(masks);
        if (!(keepProbability > 0 && keepProbability < 1)) throw new ArgumentOutOfRangeException(nameof(keepProbability), keepProbability, "p must lie in (0, 1).");
        var state = seed;
        var result = new bool[masks][];
        for (var k = 0; k < masks; k++)
        {
            var mask = new bool[documents];
            for (var d = 0; d < documents; d++)
            {
                state += 0x9e3779b97f4a7c15UL;
                var uniform = (MinHashSignature.Mix(state) >> 11) * (1.0 / (1UL << 53));
                mask[d] = uniform < keepProbability;
            }
            result[k] = mask;
        }
        return result;
    }

    /// <summary>All 2ⁿ subsets of n documents (n ≤ 20), subset s keeping document d when bit d of s is set.</summary>
    public static bool[][] All(int documents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(documents);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(documents, 20);
        var result = new bool[1 << documents][];
        for (var s = 0; s < result.Length; s++)
        {
            result[s] = new bool[documents];
            for (var d = 0; d < documents; d++) result[s][d] = (s >> d & 1) == 1;
        }
        return result;
    }
}
