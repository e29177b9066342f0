namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>
/// One stored page of a catalog's feed (keyed by the page number from 0 and the catalog's key): the inferences with sequence numbers
/// <c>n·Size + 1</c> to <c>(n+1)·Size</c>. Appends are idempotent by sequence number.
/// </summary>
[Alias("openledger.IInferenceFeedPageGrain")]
public interface IInferenceFeedPageGrain : IGrainWithIntegerCompoundKey
{
    public const int Size = 1_000;

    [Alias("append"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task AppendAsync(IReadOnlyList<InferenceSummary> items);

    /// <summary>The page's items with sequence numbers in [<paramref name="fromSequence"/>, <paramref name="toSequence"/>], in order.</summary>
    [Alias("range"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<InferenceSummary>> GetRangeAsync(long fromSequence, long toSequence);
}
