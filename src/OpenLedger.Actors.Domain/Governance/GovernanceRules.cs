namespace OpenLedger.Actors.Domain.Governance;

/// <summary>
/// How proposals are decided. Voting weight is stake at the proposal's creation, capped at
/// <paramref name="VoterCapBps"/> of the total stake then, so no one voter decides alone; a proposal passes when
/// the weight cast reaches <paramref name="QuorumBps"/> of that total and "yes" outweighs "no"; it takes effect
/// no earlier than <paramref name="Timelock"/> after voting ends.
/// </summary>
public sealed record GovernanceRules(TimeSpan VotingDelay, TimeSpan VotingPeriod, TimeSpan Timelock, int QuorumBps, int VoterCapBps)
{
    public static GovernanceRules Default { get; } = new(TimeSpan.FromHours(1), TimeSpan.FromDays(3), TimeSpan.FromDays(1), 3_000, 1_000);

    public GovernanceRules Validated()
    {
        if (VotingDelay < TimeSpan.Zero || VotingPeriod <= TimeSpan.Zero || Timelock < TimeSpan.Zero)
            throw new ArgumentException("Voting delay and timelock must not be negative and the voting period must be positive.");
        if (QuorumBps is < 1 or > 10_000 || VoterCapBps is < 1 or > 10_000)
            throw new ArgumentException("Quorum and voter cap are 1–10,000 basis points of the total stake.");
        return this;
    }
}
