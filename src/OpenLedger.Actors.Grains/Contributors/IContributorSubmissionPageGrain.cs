using OpenLedger.Actors.Abstractions.Contributors;

namespace OpenLedger.Actors.Grains.Contributors;

/// <summary>
/// One page of a contributor's submissions (key <see cref="KeyOf"/>), <see cref="Size"/> slots in the order they were
/// recorded. The contributor grain writes a slot before committing it in its own state (its submission count), so a slot
/// past that count is uncommitted and may be written again. Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IContributorSubmissionPageGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IContributorSubmissionPageGrain : IGrainWithStringKey
{
    /// <summary>Submissions per page: 512 × ≤ 400 bytes ≈ 200 KB as stored (budget 512 KiB).</summary>
    public const int Size = 512;

    /// <summary>Account ids cannot hold '/', so the key is unambiguous.</summary>
    public static string KeyOf(string account, int page) => $"{account}/{page}";

    [Alias("put")] Task PutAsync(int slot, ContributedRows rows);

    [Alias("get")] Task<IReadOnlyList<ContributedRows>> GetAsync();
}

[GenerateSerializer]
public sealed class ContributorSubmissionPageState
{
    [Id(0)] public List<ContributedRows> Submissions { get; set; } = [];
}
