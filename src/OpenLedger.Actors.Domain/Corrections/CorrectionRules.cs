using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Corrections;

/// <summary>
/// The rules of feedback on numeric models, with no storage or clock of their own (time is passed in), answering result
/// codes rather than throwing for expected outcomes:
/// <list type="bullet">
/// <item><see cref="Submit"/>: one correction per inference (a rejected one gives way to another contributor's, so a bad
/// flag cannot block a good one); the label in range and different from the answer; the features
/// exactly the inference's; a contributor other than the payer holds the minimum stake.</item>
/// <item><see cref="Vote"/>: reviewers (the corrections Datanet's curators; the caller checks that) other than the contributor
/// and the payer vote once each; the first side to reach the quorum decides, and the decision is final. A rejected
/// correction owes its contributor a penalty (<see cref="CorrectionRecord.OwesPenalty"/>).</item>
/// </list>
/// </summary>
public static class CorrectionRules
{
    /// <summary>The largest quorum: bounds the reviewers a record keeps.</summary>
    public const int MaxQuorum = 9;

    public static (CorrectionResult Result, CorrectionRecord? Record) Submit(CorrectionRecord? existing, AnsweredInference inference,
        string contributor, double[] features, int label, int classCount, long contributorStake, long minimumStake, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inference);
        ArgumentNullException.ThrowIfNull(features);
        if (existing is not null && (existing.Status != CorrectionStatus.Rejected || existing.Contributor == contributor))
            return (existing.Contributor == contributor && existing.Label == label ? CorrectionResult.Exists : CorrectionResult.ExistsWithDifferentCorrection, existing);
        if (AccountId.Validate(contributor, "contributor") is not null) return (CorrectionResult.ContributorInvalid, null);
        if ((uint)label >= (uint)classCount) return (CorrectionResult.LabelOutOfRange, null);
        if (!features.AsSpan().SequenceEqual(inference.Features)) return (CorrectionResult.FeaturesDiffer, null);
        if (label == inference.Answer) return (CorrectionResult.AgreesWithAnswer, null);
        var isPayer = contributor == inference.Payer;
        if (!isPayer && contributorStake < minimumStake) return (CorrectionResult.StakeTooLow, null);
        return (CorrectionResult.Ok, new CorrectionRecord(inference.InferenceId, inference.ModelFamily, inference.ModelVersion, inference.Payer, contributor,
            (double[])features.Clone(), inference.Answer, label, now, CorrectionStatus.Pending, [], []));
    }

    /// <summary>Counts <paramref name="reviewer"/>'s vote; the record answered is the new state (the same one when nothing changed).</summary>
    public static (CorrectionVoteResult Result, CorrectionRecord Record) Vote(CorrectionRecord record, string reviewer, bool approve, int quorum)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(quorum, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quorum, MaxQuorum);
        if (record.Status != CorrectionStatus.Pending) return (CorrectionVoteResult.AlreadyDecided, record);
        if (reviewer == record.Contributor || reviewer == record.Payer) return (CorrectionVoteResult.NotIndependent, record);
        if (record.Approvals.Contains(reviewer) || record.Rejections.Contains(reviewer)) return (CorrectionVoteResult.AlreadyVoted, record);
        var voted = approve ? record with { Approvals = [.. record.Approvals, reviewer] } : record with { Rejections = [.. record.Rejections, reviewer] };
        if (voted.Approvals.Count >= quorum) return (CorrectionVoteResult.Decided, voted with { Status = CorrectionStatus.Accepted });
        if (voted.Rejections.Count >= quorum) return (CorrectionVoteResult.Decided, voted with { Status = CorrectionStatus.Rejected });
        return (CorrectionVoteResult.Counted, voted);
    }
}
