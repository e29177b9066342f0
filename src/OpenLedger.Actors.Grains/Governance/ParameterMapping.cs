using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Governance;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>Between the domain's parameter types and their wire forms.</summary>
public static class ParameterMapping
{
    public static GovernanceParameters ToContract(this ProtocolParameters p) => new(
        p.FeeShares.ProtocolBps, p.FeeShares.ModelOwnerBps, p.FeeShares.CuratorsBps, p.FeeShares.ContributorsBps,
        p.DailyRowQuota, p.DailyByteQuota, p.SlashingFractionBps, p.PenaltyThreshold, p.PenalizedRewardBps,
        p.DuplicateCosineCutoff, p.TopK, p.InfluenceFloor, p.MinimumStake, p.MaxModelParameters, p.MinLambda, p.MaxLambda,
        p.MaxRecipientsPerTransfer);

    public static ProtocolParameters ToDomain(this GovernanceParameters p)
    {
        var training = p.TrainingLimits();
        return new(
            new FeeSharePolicy(p.ProtocolBps, p.ModelOwnerBps, p.CuratorsBps, p.ContributorsBps),
            p.DailyRowQuota, p.DailyByteQuota, p.SlashingFractionBps, p.PenaltyThreshold, p.PenalizedRewardBps,
            p.DuplicateCosineCutoff, p.TopK, p.InfluenceFloor, p.MinimumStake, training.MaxParameters, training.MinLambda, training.MaxLambda,
            p.RecipientCap());
    }

    /// <summary>The recipient cap in force (0: a version stored before the parameter existed — the default).</summary>
    public static int RecipientCap(this GovernanceParameters p) =>
        p.MaxRecipientsPerTransfer == 0 ? Domain.Economics.RecipientCap.DefaultRecipients : p.MaxRecipientsPerTransfer;

    public static ParametersInForce ToContract(this ParameterVersion v) => new(v.Version, v.Parameters.ToContract(), v.EffectiveAt, v.ProposalId);

    public static FeeSharePolicy FeeShares(this GovernanceParameters p) => new(p.ProtocolBps, p.ModelOwnerBps, p.CuratorsBps, p.ContributorsBps);
}

/// <summary>The training limits in force (see <see cref="Domain.Training.TrainingLimits"/>).</summary>
public static class TrainingLimitsMapping
{
    /// <summary>The limits in force; a field stored as 0 (a version written before the limits existed) is the default.</summary>
    public static Domain.Training.TrainingLimits TrainingLimits(this GovernanceParameters p)
    {
        var defaults = ProtocolParameters.Default;
        return new(p.MaxModelParameters == 0 ? defaults.MaxModelParameters : p.MaxModelParameters,
            p.MinLambda == 0 ? defaults.MinLambda : p.MinLambda,
            p.MaxLambda == 0 ? defaults.MaxLambda : p.MaxLambda);
    }
}
