using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>
/// One page of the explorer catalog's event log (key <c>{catalog}|events:{n}</c>, <see cref="Domain.Explorer.ExplorerEventLog{T}"/>):
/// the events of one commit write (at most 64, ≈ 64 KiB), written before the catalog's state names page n, read back on
/// activation until the catalog has delivered them to the feed, the leaderboard buckets and the earnings histories,
/// then deleted. Budget 128 KiB. Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IExplorerEventPageGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IExplorerEventPageGrain : IGrainWithStringKey
{
    /// <summary>Replaces the page's events (a number the catalog's state does not name yet may be written again).</summary>
    [Alias("put")] Task PutAsync(IReadOnlyList<ExplorerEventRecord> events);

    [Alias("get")] Task<IReadOnlyList<ExplorerEventRecord>> GetAsync();

    [Alias("clear")] Task ClearAsync();
}

/// <summary>An inference as the explorer's event log keeps it: its feed line (with its sequence number) and what it
/// paid each account.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.event")]
public sealed record ExplorerEventRecord(
    [property: Id(0)] InferenceSummary Summary,
    [property: Id(1)] IReadOnlyList<ExplorerCredit> Credits)
{
    /// <summary>An upper bound of the record's stored size (JSON of UTF-16 strings and numbers).</summary>
    public int EstimatedBytes => 256 + 2 * (Summary.InferenceId.Length + Summary.ModelId.Length + Summary.DatanetId.Length)
        + Credits.Sum(c => 96 + 2 * (c.Account.Length + c.Code.Length));
}

/// <summary>One fee posting of an inference: the account credited, the posting's code (its role) and the amount.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.credit")]
public sealed record ExplorerCredit(
    [property: Id(0)] string Account,
    [property: Id(1)] string Code,
    [property: Id(2)] long Amount);
