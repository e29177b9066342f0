using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Governance;

/// <summary>
/// Protocol governance (one grain, key <see cref="GovernanceIds.Main"/>): the versioned parameters in force, and
/// proposals voted by stake with a per-voter cap, a quorum, a voting delay and period, and a timelock. Refusals
/// (invalid parameters, no stake, outside the voting period, a second different vote) are <c>OpenLedgerException</c>s
/// and change nothing; repeating a call that already took effect answers the same result.
/// </summary>
[Alias("openledger.IGovernanceGrain")]
public interface IGovernanceGrain : IGrainWithStringKey
{
    /// <summary>The parameter set in force now (every receipt names its version).</summary>
    [Alias("parameters"), ReadOnly] Task<ParametersInForce> GetParametersAsync();

    [Alias("parameter-version"), ReadOnly] Task<ParametersInForce> GetParameterVersionAsync(int version);

    /// <summary>Proposes a full parameter set; only a staker may. The same proposal again answers it unchanged.</summary>
    [Alias("propose")] Task<ProposalInfo> ProposeAsync(string proposalId, string proposer, GovernanceParameters proposed);

    /// <summary>Casts <paramref name="voter"/>'s stake-weighted vote; the same vote again is a no-op, a different one a conflict.</summary>
    [Alias("vote")] Task<ProposalInfo> VoteAsync(string proposalId, string voter, bool support);

    /// <summary>Puts a succeeded proposal in force once its timelock has passed; executing it again answers the same version.</summary>
    [Alias("execute")] Task<ParametersInForce> ExecuteAsync(string proposalId);

    [Alias("proposal"), ReadOnly] Task<ProposalInfo> GetProposalAsync(string proposalId);
}

public static class GovernanceIds
{
    public const string Main = "main";
}
