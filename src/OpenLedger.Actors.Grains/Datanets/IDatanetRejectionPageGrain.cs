using OpenLedger.Actors.Abstractions.Datanets;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// One page of a Datanet's rejection record (key <see cref="KeyOf"/>: Datanet id and page number), <see cref="Size"/>
/// slots in the order the entries were recorded (<see cref="RejectedRows.Sequence"/> page·<see cref="Size"/> + slot).
/// Like the submission pages (<see cref="IDatanetSubmissionPageGrain"/>, <see cref="Domain.Paging.SlotPage"/>): the
/// Datanet writes the slots of a review before committing them in its head state (its rejection count) together with the
/// row statuses, so a slot past that count is uncommitted and may be written again — a retried review writes the same
/// entries at the same slots, and readers see only committed ones. Internal (grain-to-grain only).
/// Size budget (README, "Size budgets"): 64 entries × ≤ 1.1 KB (≤ 64 row ids, two accounts of ≤ 128 characters, a
/// reason of ≤ 200 characters, numbers and a time): 68,123 B measured with 4-digit row ids, ≈ 76 KB with 6-digit ones; budget 128 KiB.
/// </summary>
[Alias("openledger.IDatanetRejectionPageGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IDatanetRejectionPageGrain : IGrainWithStringKey
{
    /// <summary>Entries per page.</summary>
    public const int Size = 64;

    /// <summary>Datanet ids cannot hold '/', so the key is unambiguous.</summary>
    public static string KeyOf(string datanetId, int page) => $"{datanetId}/{page}";

    /// <summary>Writes <paramref name="entries"/> from <paramref name="firstSlot"/> on (slots in order; later uncommitted slots are dropped).</summary>
    [Alias("put")] Task PutAsync(int firstSlot, IReadOnlyList<RejectedRows> entries);

    [Alias("get")] Task<IReadOnlyList<RejectedRows>> GetAsync();
}

/// <summary>A rejection page's stored state (budget above: 128 KiB).</summary>
[GenerateSerializer]
public sealed class DatanetRejectionPageState
{
    [Id(0)] public List<RejectedRows> Entries { get; set; } = [];
}
