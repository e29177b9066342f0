namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>An account's standing: micro-units earned from inference fees over <paramref name="Payments"/> postings;
/// <paramref name="Role"/> is the posting code of its first payment (e.g. <c>fee.contributor</c>).</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.leaderboard-entry")]
public sealed record LeaderboardEntry(
    [property: Id(0)] int Rank,
    [property: Id(1)] string Account,
    [property: Id(2)] string Role,
    [property: Id(3)] long Earned,
    [property: Id(4)] long Payments);

/// <summary>A page of the leaderboard out of <paramref name="TotalAccounts"/> paid accounts.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.leaderboard-page")]
public sealed record LeaderboardPage(
    [property: Id(0)] int TotalAccounts,
    [property: Id(1)] long TotalEarned,
    [property: Id(2)] IReadOnlyList<LeaderboardEntry> Entries);
