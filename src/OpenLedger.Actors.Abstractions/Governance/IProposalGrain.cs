using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Governance;

/// <summary>
/// One parameter proposal (key: the proposal id), voted by stake with a per-voter cap, a quorum, a voting delay and
/// period, and a timelock. Weights come from the stake snapshot taken when it was made. Refusals (invalid parameters,
/// no stake, outside the voting period, a second different vote) are <c>OpenLedgerException</c>s and change nothing;
/// repeating a call that already took effect answers the same result.
/// </summary>
[Alias("openledger.IProposalGrain")]
public interface IProposalGrain : IGrainWithStringKey
{
    /// <summary>Proposes a full parameter set; only a staker may. The same proposal again answers it unchanged.</summary>
    [Alias("propose")] Task<ProposalInfo> ProposeAsync(string proposer, GovernanceParameters proposed);

    /// <summary>Casts <paramref name="voter"/>'s stake-weighted vote; the same vote again is a no-op, a different one a conflict.</summary>
    [Alias("vote"), AlwaysInterleave] Task<ProposalInfo> VoteAsync(string voter, bool support);

    /// <summary>Puts a succeeded proposal in force once its timelock has passed; executing it again answers the same version.</summary>
    [Alias("execute")] Task<ParametersInForce> ExecuteAsync();

    [Alias("get"), ReadOnly] Task<ProposalInfo> GetAsync();
}
