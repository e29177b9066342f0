using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>
/// How the Datanet, model and inference grains tell the explorer's catalog what happened. Best effort by design:
/// the explorer is a view, so a catalog that cannot be reached is logged and never fails (or slows by more than
/// one call) the operation that the ledger and the grains' own state already made durable.
/// </summary>
public sealed class ExplorerFeed(IGrainFactory grains, ILogger<ExplorerFeed> logger)
{
    private IExplorerCatalogGrain Catalog => grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog);

    public Task DatanetChangedAsync(DatanetCatalogEntry entry) => TellAsync(c => c.DatanetChangedAsync(entry), "Datanet", entry.Info.Id);

    public Task ModelRegisteredAsync(ModelInfo model) => TellAsync(c => c.ModelRegisteredAsync(model), "model", model.Id);

    /// <summary>
    /// The public facts of a charged inference: its receipt's postings, never its features or representation. Unlike the
    /// other notices this one is owed (the inference grain's outbox): a failure reaches the caller, which delivers again
    /// until the catalog acknowledges it.
    /// </summary>
    public Task InferenceRecordedAsync(InferenceResult result) => Catalog.InferenceRecordedAsync(new InferenceRecorded(
        result.InferenceId, result.Receipt.ModelId, result.Receipt.DatanetId, result.PredictedClass, result.Receipt.Fee,
        result.Receipt.Influences.Count, result.Receipt.Postings, result.CompletedAt));

    private async Task TellAsync(Func<IExplorerCatalogGrain, Task> call, string what, string id)
    {
        try
        {
            await call(Catalog);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The explorer catalog was not told about {What} {Id}", what, id);
        }
    }
}
