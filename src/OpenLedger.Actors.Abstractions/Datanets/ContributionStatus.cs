namespace OpenLedger.Actors.Abstractions.Datanets;

public enum ContributionStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}
