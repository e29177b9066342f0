using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Training;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Governance;

/// <summary>
/// The parameters governance controls. Every receipt is meant to name the <see cref="ParameterVersion"/> it used.
/// </summary>
/// <param name="DailyRowQuota">Rows one contributor may submit to one Datanet per UTC day.</param>
/// <param name="DailyByteQuota">Bytes of rows one contributor may submit to one Datanet per UTC day.</param>
/// <param name="SlashingFractionBps">Share of a contributor's stake slashed for an adversarial or duplicate submission.</param>
/// <param name="PenaltyThreshold">Penalty score above which rewards are reduced to <paramref name="PenalizedRewardBps"/>.</param>
/// <param name="DuplicateCosineCutoff">Cosine similarity at or above which a row is a near-duplicate of an existing one.</param>
/// <param name="TopK">Influences paid per inference.</param>
/// <param name="InfluenceFloor">Influence below which a row is paid nothing (no dust farming).</param>
/// <param name="MinimumStake">Stake (micro-units) a contributor must hold before a Datanet accepts their submissions; 0 = none.</param>
/// <param name="MaxModelParameters">Largest parameter count P = (D + 1)·C the built-in trainer accepts (see <see cref="TrainingLimits"/>).</param>
/// <param name="MinLambda">Smallest L2 strength λ the built-in trainer accepts.</param>
/// <param name="MaxLambda">Largest L2 strength λ the built-in trainer accepts.</param>
/// <param name="MaxRecipientsPerTransfer">Postings one inference's fee transfer may hold; parts beyond it are paid through
/// pools settled by their own transfers (<see cref="RecipientCap"/>).</param>
/// <param name="LayerFloorBps">For models trained on several Datanet versions: the floor each layer's curator pool gets,
/// in basis points of the curators' part, before the rest follows influence (0 = influence only; see
/// <see cref="Layers.LayerCuratorSplit"/>).</param>
public sealed record ProtocolParameters(
    FeeSharePolicy FeeShares,
    int DailyRowQuota,
    long DailyByteQuota,
    int SlashingFractionBps,
    double PenaltyThreshold,
    int PenalizedRewardBps,
    double DuplicateCosineCutoff,
    int TopK,
    double InfluenceFloor,
    long MinimumStake = 0,
    int MaxModelParameters = 4_096,
    double MinLambda = 1e-8,
    double MaxLambda = 1e4,
    int MaxRecipientsPerTransfer = RecipientCap.DefaultRecipients,
    int LayerFloorBps = 0)
{
    /// <summary>The training limits these parameters set.</summary>
    public TrainingLimits Training => new(MaxModelParameters, MinLambda, MaxLambda);

    public static ProtocolParameters Default { get; } = new(FeeSharePolicy.Default, 10_000, 16L * 1024 * 1024, 1_000, 3.0, 5_000, 0.999, 10, 1e-9);

    /// <summary>Every rule a parameter set must satisfy; empty when valid.</summary>
    public IReadOnlyList<ValidationProblem> Problems()
    {
        var problems = new List<ValidationProblem>();
        if (FeeShares is not { IsValid: true })
            problems.Add(new("parameters.fee_shares", $"Fee shares must be non-negative and sum to {FeeSharePolicy.TotalBps} basis points."));
        if (DailyRowQuota is < 1 or > 10_000_000) problems.Add(new("parameters.row_quota", "The daily row quota must be between 1 and 10,000,000."));
        if (DailyByteQuota is < 1 or > 1L << 40) problems.Add(new("parameters.byte_quota", "The daily byte quota must be between 1 byte and 1 TiB."));
        if (SlashingFractionBps is < 0 or > 10_000) problems.Add(new("parameters.slashing", "The slashing fraction must be 0–10,000 basis points."));
        if (!double.IsFinite(PenaltyThreshold) || PenaltyThreshold < 0) problems.Add(new("parameters.penalty_threshold", "The penalty threshold must be a finite number ≥ 0."));
        if (PenalizedRewardBps is < 0 or > 10_000) problems.Add(new("parameters.penalized_reward", "The penalized reward must be 0–10,000 basis points."));
        if (!double.IsFinite(DuplicateCosineCutoff) || DuplicateCosineCutoff is <= 0 or > 1) problems.Add(new("parameters.duplicate_cutoff", "The duplicate cosine cutoff must be in (0, 1]."));
        if (TopK is < 1 or > 100) problems.Add(new("parameters.top_k", "Top-k must be between 1 and 100."));
        if (!double.IsFinite(InfluenceFloor) || InfluenceFloor < 0) problems.Add(new("parameters.influence_floor", "The influence floor must be a finite number ≥ 0."));
        if (MinimumStake is < 0 or > 1_000_000_000_000_000) problems.Add(new("parameters.minimum_stake", "The minimum stake must be between 0 and 10^15 micro-units."));
        problems.AddRange(Training.Problems());
        if (MaxRecipientsPerTransfer is < RecipientCap.MinRecipients or > Ledger.LedgerLimits.MaxPostingsPerTransfer)
            problems.Add(new("parameters.max_recipients", $"The recipients per transfer must be between {RecipientCap.MinRecipients} and {Ledger.LedgerLimits.MaxPostingsPerTransfer}."));
        if (LayerFloorBps is < 0 or > Layers.LayerCuratorSplit.MaxFloorBps)
            problems.Add(new("parameters.layer_floor", $"The curator floor per layer must be 0–{Layers.LayerCuratorSplit.MaxFloorBps} basis points."));
        return problems;
    }
}
