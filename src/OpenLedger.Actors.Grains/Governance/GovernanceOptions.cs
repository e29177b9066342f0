using System.ComponentModel.DataAnnotations;
using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Governance;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// Governance rules and the genesis parameter set (configuration section <c>OpenLedger:Governance</c>). The genesis
/// fee split is <c>OpenLedger:FeeShares</c>. Once the first proposal is recorded the genesis set is stored with it,
/// so later configuration changes cannot rewrite history.
/// </summary>
public sealed class GovernanceOptions : IValidatableObject
{
    public const string Section = "OpenLedger:Governance";

    public TimeSpan VotingDelay { get; set; } = GovernanceRules.Default.VotingDelay;
    public TimeSpan VotingPeriod { get; set; } = GovernanceRules.Default.VotingPeriod;
    public TimeSpan Timelock { get; set; } = GovernanceRules.Default.Timelock;
    [Range(1, 10_000)] public int QuorumBps { get; set; } = GovernanceRules.Default.QuorumBps;
    [Range(1, 10_000)] public int VoterCapBps { get; set; } = GovernanceRules.Default.VoterCapBps;

    public int DailyRowQuota { get; set; } = ProtocolParameters.Default.DailyRowQuota;
    public long DailyByteQuota { get; set; } = ProtocolParameters.Default.DailyByteQuota;
    public int SlashingFractionBps { get; set; } = ProtocolParameters.Default.SlashingFractionBps;
    public double PenaltyThreshold { get; set; } = ProtocolParameters.Default.PenaltyThreshold;
    public int PenalizedRewardBps { get; set; } = ProtocolParameters.Default.PenalizedRewardBps;
    public double DuplicateCosineCutoff { get; set; } = ProtocolParameters.Default.DuplicateCosineCutoff;
    public int TopK { get; set; } = ProtocolParameters.Default.TopK;
    public double InfluenceFloor { get; set; } = ProtocolParameters.Default.InfluenceFloor;
    public long MinimumStake { get; set; } = ProtocolParameters.Default.MinimumStake;
    public int MaxModelParameters { get; set; } = ProtocolParameters.Default.MaxModelParameters;
    public double MinLambda { get; set; } = ProtocolParameters.Default.MinLambda;
    public double MaxLambda { get; set; } = ProtocolParameters.Default.MaxLambda;
    public int MaxRecipientsPerTransfer { get; set; } = ProtocolParameters.Default.MaxRecipientsPerTransfer;

    /// <summary>
    /// How old a silo's parameter snapshot may get before it re-checks the parameters grain. Executions are pushed to
    /// every silo at once; this only bounds how long a silo that missed a push keeps an older version.
    /// </summary>
    public TimeSpan SnapshotRefresh { get; set; } = TimeSpan.FromSeconds(30);

    public GovernanceRules Rules() => new(VotingDelay, VotingPeriod, Timelock, QuorumBps, VoterCapBps);

    public ProtocolParameters Genesis(FeeSharePolicy feeShares) => new(feeShares, DailyRowQuota, DailyByteQuota, SlashingFractionBps,
        PenaltyThreshold, PenalizedRewardBps, DuplicateCosineCutoff, TopK, InfluenceFloor, MinimumStake,
        MaxModelParameters, MinLambda, MaxLambda, MaxRecipientsPerTransfer);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SnapshotRefresh <= TimeSpan.Zero) yield return new ValidationResult("The parameter snapshot refresh interval must be positive.");
        if (VotingDelay < TimeSpan.Zero || VotingPeriod <= TimeSpan.Zero || Timelock < TimeSpan.Zero)
            yield return new ValidationResult("Voting delay and timelock must not be negative and the voting period must be positive.");
        foreach (var problem in Genesis(FeeSharePolicy.Default).Problems())
            yield return new ValidationResult($"{problem.Code}: {problem.Message}");
    }
}
