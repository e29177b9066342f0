namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// How surprising each token is in a corpus: −log₂ of its add-one smoothed unigram probability,
/// <c>s(t) = log₂(N + V) − log₂(c(t) + 1)</c> with N the corpus tokens, V = 50,257 the vocabulary and c(t) the
/// token's count (summed over all shards), in Q16 fixed point (<see cref="FixedPointLog2"/>): deterministic on every
/// machine. Rare tokens weigh more; a token never seen weighs most.
/// </summary>
public sealed class UnigramSurprisal
{
    private readonly long[] _counts;
    private readonly long _logTotal;

    public UnigramSurprisal(ReadOnlySpan<long> counts)
    {
        if (counts.Length != Gpt2TextTokenizer.VocabularySize) throw new ArgumentException($"Expected {Gpt2TextTokenizer.VocabularySize} counts.", nameof(counts));
        _counts = counts.ToArray();
        foreach (var count in _counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(counts));
            TotalTokens = checked(TotalTokens + count);
        }
        _logTotal = FixedPointLog2.Log2((ulong)TotalTokens + Gpt2TextTokenizer.VocabularySize);
    }

    /// <summary>The counts of several shards, added up.</summary>
    public static UnigramSurprisal OfShards(IEnumerable<SuffixArrayIndex> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var counts = new long[Gpt2TextTokenizer.VocabularySize];
        foreach (var shard in shards)
        {
            var shardCounts = shard.UnigramCounts;
            for (var t = 0; t < counts.Length; t++) counts[t] += shardCounts[t];
        }
        return new UnigramSurprisal(counts);
    }

    public long TotalTokens { get; }

    public long Count(ushort token) => _counts[token];

    /// <summary>The surprisal of <paramref name="token"/> in Q16 bits (never negative).</summary>
    public long Of(ushort token) => _logTotal - FixedPointLog2.Log2((ulong)_counts[token] + 1);
}
