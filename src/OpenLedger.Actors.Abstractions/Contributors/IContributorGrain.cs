namespace OpenLedger.Actors.Abstractions.Contributors;

/// <summary>A contributor, keyed by account id.</summary>
[Alias("openledger.IContributorGrain")]
public interface IContributorGrain : IGrainWithStringKey
{
    [Alias("profile")] Task<ContributorProfile> GetProfileAsync();

    [Alias("rename")] Task<ContributorProfile> SetDisplayNameAsync(string displayName);

    /// <summary>Called by a Datanet when a submission is recorded; idempotent per (Datanet, submission).</summary>
    [Alias("record"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task RecordContributionsAsync(ContributedRows rows);

    /// <summary>The contributor's submissions, oldest first.</summary>
    [Alias("contributions")] Task<IReadOnlyList<ContributedRows>> ListContributionsAsync(int offset, int limit);

    /// <summary>The account's posted balance, read from the ledger.</summary>
    [Alias("balance")] Task<long> GetBalanceAsync();
}
