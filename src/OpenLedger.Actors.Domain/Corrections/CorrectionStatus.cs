namespace OpenLedger.Actors.Domain.Corrections;

/// <summary>Where a correction stands: waiting for its reviewers' quorum, or decided (final).</summary>
public enum CorrectionStatus : byte
{
    Pending = 0,
    Accepted = 1,
    Rejected = 2,
}
