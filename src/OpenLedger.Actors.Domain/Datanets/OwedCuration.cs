namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>What a curation message asks the contributor's staking grain to do.</summary>
public enum OwedCurationKind
{
    /// <summary>Count reviewed rows towards reputation (<see cref="OwedCuration.Accepted"/>, <see cref="OwedCuration.Rejected"/>).</summary>
    Review = 0,
    /// <summary>Penalise the contributor once (a slash of the governed fraction of their stake).</summary>
    Penalty = 1,
}

/// <summary>
/// A message a Datanet owes a contributor's staking grain, recorded in the same state write as the change that caused it
/// (a review round, or a submission holding duplicates) and delivered until the receiver acknowledges it. <see cref="Id"/>
/// is stable — derived from (Datanet, review round, contributor) for reviews and (Datanet, submission, curation round)
/// for penalties — so the receiver applies it once however often it is delivered.
/// </summary>
public sealed record OwedCuration(OwedCurationKind Kind, string Id, string Contributor, long Accepted, long Rejected, string Reason);
