using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>
/// The explorer's stored entry of one model (key <c>{catalog}|model:{model}</c>), written by the catalog: its info when
/// it is registered or retrained, its counts from the catalog's numbered <see cref="Domain.Explorer.ModelCountBatch"/>es
/// (each number applied once). One entity per model, so the catalog's own state does not grow with models. Budget
/// 8 KiB: the model's info (≈ 1 kB) and three numbers. Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IExplorerModelGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IExplorerModelGrain : IGrainWithStringKey
{
    [Alias("set-info")] Task SetInfoAsync(ModelInfo info);

    /// <summary>Adds the counts of batch <paramref name="batch"/> unless this entry has applied that number or a later one.</summary>
    [Alias("add-counts")] Task AddCountsAsync(long batch, long inferences, long fees);

    [Alias("get")] Task<StoredModelEntry> GetAsync();
}

/// <summary>A model's stored explorer entry: its info (null while only counts have arrived), its counts, and the number
/// of the last count batch they include.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.stored-model")]
public sealed record StoredModelEntry(
    [property: Id(0)] ModelInfo? Info,
    [property: Id(1)] long InferenceCount,
    [property: Id(2)] long FeesCharged,
    [property: Id(3)] long LastBatch);
