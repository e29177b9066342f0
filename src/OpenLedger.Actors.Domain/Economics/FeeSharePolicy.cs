namespace OpenLedger.Actors.Domain.Economics;

/// <summary>
/// How an inference fee is shared, in basis points (1/100 of a percent) that sum to 10,000.
/// Default: protocol 10 %, model owner 20 %, the Datanet's curators 20 %, contributors 50 %.
/// </summary>
public sealed record FeeSharePolicy(int ProtocolBps, int ModelOwnerBps, int CuratorsBps, int ContributorsBps)
{
    public const int TotalBps = 10_000;

    public static FeeSharePolicy Default { get; } = new(1_000, 2_000, 2_000, 5_000);

    /// <summary>No share is negative and the shares sum to 10,000.</summary>
    public bool IsValid => ProtocolBps >= 0 && ModelOwnerBps >= 0 && CuratorsBps >= 0 && ContributorsBps >= 0
        && (long)ProtocolBps + ModelOwnerBps + CuratorsBps + ContributorsBps == TotalBps;

    /// <summary>Throws when a share is negative or the shares do not sum to 10,000.</summary>
    public FeeSharePolicy Validated()
    {
        if (ProtocolBps < 0 || ModelOwnerBps < 0 || CuratorsBps < 0 || ContributorsBps < 0)
            throw new ArgumentException("Fee shares must not be negative.");
        if (ProtocolBps + ModelOwnerBps + CuratorsBps + ContributorsBps != TotalBps)
            throw new ArgumentException($"Fee shares must sum to {TotalBps} basis points.");
        return this;
    }
}
