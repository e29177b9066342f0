namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// Where a receiver's recorded-id pages are (<see cref="RecordedIdPages"/>), as kept in its grain state. Open periods (the
/// newest two, and an older one a late delivery reopened) list their chunks: O(log n) each, since chunks of similar size
/// are merged. Closed periods have one chunk each, listed in directory artifacts of <see cref="RecordedIdPages.PeriodsPerDirectory"/>
/// periods; the state names only the directories. Budget: ≈ 100 bytes per open chunk (≤ 2 × 40) plus ≈ 100 bytes per
/// directory (one per 256 periods: with one-hour periods, 35 a year) — under 16 KiB for years of traffic.
/// </summary>
[GenerateSerializer]
public sealed class RecordedIdIndex
{
    [Id(0)] public List<OpenIdPeriod> Open { get; set; } = [];
    [Id(1)] public List<IdPeriodDirectory> Directories { get; set; } = [];
    /// <summary>How many distinct ids were recorded.</summary>
    [Id(2)] public long Count { get; set; }

    public RecordedIdIndex Copy() => new() { Open = [.. Open], Directories = [.. Directories], Count = Count };
}

/// <summary>One chunk of a period's ids: its artifact key and how many ids it holds.</summary>
[GenerateSerializer, Immutable]
public sealed record IdChunk([property: Id(0)] string Key, [property: Id(1)] int Count);

/// <summary>A period still taking chunks, its chunks oldest first.</summary>
[GenerateSerializer, Immutable]
public sealed record OpenIdPeriod([property: Id(0)] long Period, [property: Id(1)] IReadOnlyList<IdChunk> Chunks);

/// <summary>The directory artifact of the closed periods <c>Group × 256</c> to <c>Group × 256 + 255</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record IdPeriodDirectory([property: Id(0)] long Group, [property: Id(1)] string Key);
