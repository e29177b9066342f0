namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>One contributor's rows in one Datanet by review outcome (duplicates and adversarial rows count as rejected).</summary>
public sealed record AcceptanceCount(string Contributor, int Submitted, int Approved, int Rejected);
