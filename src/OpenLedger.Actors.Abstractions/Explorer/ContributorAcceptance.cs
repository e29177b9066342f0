namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>One contributor's rows in one Datanet by review outcome.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.contributor-acceptance")]
public sealed record ContributorAcceptance(
    [property: Id(0)] string Account,
    [property: Id(1)] int Submitted,
    [property: Id(2)] int Approved,
    [property: Id(3)] int Rejected)
{
    /// <summary>Approved share of the reviewed rows, or null when none was reviewed yet.</summary>
    public double? AcceptanceRate => Approved + Rejected == 0 ? null : (double)Approved / (Approved + Rejected);
}
