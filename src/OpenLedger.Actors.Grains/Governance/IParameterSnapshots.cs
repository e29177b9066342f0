using OpenLedger.Actors.Abstractions.Governance;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// The parameter version in force as this silo knows it, for grains that need parameters per operation (staking,
/// Datanets, inferences): answered from memory, never by a call to governance per operation. An executed proposal is
/// pushed to every silo before its execution is acknowledged; a silo that missed the push (it joined later, or the
/// push failed) re-checks with the parameters grain at most every <see cref="GovernanceOptions.SnapshotRefresh"/>.
/// </summary>
public interface IParameterSnapshots
{
    /// <summary>The version and parameter set in force (the version to name in receipts).</summary>
    ValueTask<ParametersInForce> CurrentAsync();
}
