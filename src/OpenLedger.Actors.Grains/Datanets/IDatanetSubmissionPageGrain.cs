namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// One page of a Datanet's submissions (key <see cref="KeyOf"/>: Datanet id and page number), <see cref="Size"/> slots
/// in submission order. The Datanet writes a slot before committing it in its own state (its submission count), so a
/// slot past that count is uncommitted and may be written again. Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IDatanetSubmissionPageGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IDatanetSubmissionPageGrain : IGrainWithStringKey
{
    /// <summary>Submissions per page: 512 × ≤ 600 bytes ≈ 300 KB as stored (budget 512 KiB).</summary>
    public const int Size = 512;

    /// <summary>Datanet ids cannot hold '/', so the key is unambiguous.</summary>
    public static string KeyOf(string datanetId, int page) => $"{datanetId}/{page}";

    [Alias("put")] Task PutAsync(int slot, DatanetSubmission submission);

    [Alias("get")] Task<IReadOnlyList<DatanetSubmission>> GetAsync();
}

[GenerateSerializer]
public sealed class DatanetSubmissionPageState
{
    [Id(0)] public List<DatanetSubmission> Submissions { get; set; } = [];
}
