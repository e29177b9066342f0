namespace OpenLedger.Actors.Abstractions.Contributors;

/// <summary>A contributor, keyed by account id.</summary>
[Alias("openledger.IContributorGrain")]
public interface IContributorGrain : IGrainWithStringKey
{
    [Alias("profile")] Task<ContributorProfile> GetProfileAsync();

    [Alias("rename")] Task<ContributorProfile> SetDisplayNameAsync(string displayName);

    /// <summary>Called by a Datanet when rows are recorded; idempotent per (Datanet, row).</summary>
    [Alias("record")] Task RecordContributionsAsync(IReadOnlyList<ContributionRef> contributions);

    [Alias("contributions")] Task<IReadOnlyList<ContributionRef>> ListContributionsAsync(int offset, int limit);

    /// <summary>The account's posted balance, read from the ledger.</summary>
    [Alias("balance")] Task<long> GetBalanceAsync();
}
