namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>A Datanet's public info. <see cref="Curators"/> are the accounts that curate and share curator fees: the owner and the invited accounts that accepted.
/// <see cref="Versions"/> are the newest published versions (at most <see cref="RecentVersions"/>, oldest first); all
/// <see cref="VersionCount"/> of them are listed by <see cref="IDatanetGrain.ListVersionsAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("openledger.datanet-info")]
public sealed record DatanetInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Owner,
    [property: Id(2)] DatanetMetadata Metadata,
    [property: Id(3)] IReadOnlyList<string> Curators,
    [property: Id(4)] int PendingCount,
    [property: Id(5)] int ApprovedCount,
    [property: Id(6)] int RejectedCount,
    [property: Id(7)] IReadOnlyList<DatanetVersionInfo> Versions,
    [property: Id(8)] DateTimeOffset CreatedAt)
{
    /// <summary>Accounts the owner invited to curate that have not accepted yet: they neither curate nor earn until they accept.</summary>
    [Id(9)] public IReadOnlyList<string> InvitedCurators { get; init; } = [];

    /// <summary>How many versions the Datanet has published (numbered 1 … VersionCount).</summary>
    [Id(10)] public int VersionCount { get; init; }

    /// <summary>How many of the newest versions <see cref="Versions"/> carries.</summary>
    public const int RecentVersions = 16;
}
