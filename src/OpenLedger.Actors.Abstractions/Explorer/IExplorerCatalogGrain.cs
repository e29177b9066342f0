using OpenLedger.Actors.Abstractions.Models;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>
/// The explorer's read model (keyed by <see cref="ExplorerIds.Catalog"/>), fed by the Datanet, model and inference
/// grains as things happen. Aggregates (leaderboard, per-model counts) are kept up to date per event; the feed is
/// numbered and stored in pages of <see cref="IInferenceFeedPageGrain"/>; earnings over time per account in
/// <see cref="IExplorerAccountGrain"/>. Reads are served from memory and never scan all inferences.
/// </summary>
[Alias("openledger.IExplorerCatalogGrain")]
public interface IExplorerCatalogGrain : IGrainWithStringKey
{
    [Alias("datanet-changed"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task DatanetChangedAsync(DatanetCatalogEntry entry);

    [Alias("model-registered"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task ModelRegisteredAsync(ModelInfo model);

    /// <summary>Records an inference once, exactly (the same inference id again, however late, changes nothing), and returns
    /// once the record is durable: the inference's outbox delivers until this returns.</summary>
    [Alias("inference-recorded"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task InferenceRecordedAsync(InferenceRecorded inference);

    /// <summary>Headline figures with Datanet page <paramref name="datanetPage"/> and model page <paramref name="modelPage"/>
    /// (1 = first, by id) of <paramref name="pageSize"/> (1–100) each: no list is ever returned whole.</summary>
    [Alias("overview"), ReadOnly] Task<ExplorerOverview> GetOverviewAsync(int datanetPage, int modelPage, int pageSize);

    /// <summary>Null when the catalog has not heard of the Datanet.</summary>
    [Alias("datanet"), ReadOnly] Task<DatanetCatalogEntry?> GetDatanetAsync(string datanetId);

    [Alias("model"), ReadOnly] Task<ModelCatalogEntry?> GetModelAsync(string modelId);

    /// <summary>Feed page <paramref name="page"/> (1 = newest) of <paramref name="pageSize"/> (1–100) inferences.</summary>
    [Alias("feed"), ReadOnly] Task<InferenceFeedPage> GetFeedAsync(int page, int pageSize);

    /// <summary>False when no inference with this id has been recorded (answered from memory: no grain activation, no
    /// storage read); true when it probably has (a Bloom filter: rarely true for an unknown id).</summary>
    [Alias("may-have-recorded"), ReadOnly] Task<bool> MayHaveRecordedAsync(string inferenceId);

    /// <summary>Leaderboard entries from <paramref name="offset"/> (0-based), at most <paramref name="limit"/> (1–100).</summary>
    [Alias("leaderboard"), ReadOnly] Task<LeaderboardPage> GetLeaderboardAsync(int offset, int limit);

    /// <summary>The leaderboard of the accounts whose first payment was a <paramref name="role"/> posting (e.g.
    /// <c>fee.contributor</c>): ranks, count and total within that role, so its shares add up to 100 %.</summary>
    [Alias("leaderboard-role"), ReadOnly] Task<LeaderboardPage> GetRoleLeaderboardAsync(string role, int offset, int limit);

    /// <summary>The Datanets and models whose ids contain <paramref name="query"/> (1–100 characters, any case): the first
    /// <paramref name="limit"/> (1–100) of each in id order, and the match counts. Answered from the ids in memory.</summary>
    [Alias("search"), ReadOnly] Task<ExplorerSearchResult> SearchAsync(string query, int limit);

    /// <summary>The account's standing, or null when it has never been paid a fee.</summary>
    [Alias("standing"), ReadOnly] Task<LeaderboardEntry?> GetStandingAsync(string account);

    /// <summary>Writes everything pending (state, feed pages, account histories) now.</summary>
    [Alias("flush"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task FlushAsync();
}
