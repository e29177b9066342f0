using OpenLedger.Actors.Domain.Corrections;
using OpenLedger.Actors.Domain.Layers;

namespace OpenLedger.Actors.UnitTests.Layers;

public sealed class CorrectionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly AnsweredInference Inference = new("session-1|key-1", "digits", 1, "agent:payer", [1.0, 2.0, 3.0], Answer: 4);

    private static (CorrectionResult, CorrectionRecord?) Submit(string contributor, int label, double[]? features = null, long stake = 100, CorrectionRecord? existing = null) =>
        CorrectionRules.Submit(existing, Inference, contributor, features ?? [1.0, 2.0, 3.0], label, classCount: 10, stake, minimumStake: 100, Now);

    [Fact]
    public void A_correction_is_validated_against_the_inference_it_corrects()
    {
        var (ok, record) = Submit("reviewer-a", 7);
        Assert.Equal(CorrectionResult.Ok, ok);
        Assert.Equal(new[] { "session-1|key-1", "reviewer-a" }, new[] { record!.InferenceId, record.Contributor });
        Assert.Equal((4, 7, CorrectionStatus.Pending, 1), (record.Answer, record.Label, record.Status, record.ModelVersion));

        Assert.Equal(CorrectionResult.LabelOutOfRange, Submit("reviewer-a", 10).Item1);
        Assert.Equal(CorrectionResult.LabelOutOfRange, Submit("reviewer-a", -1).Item1);
        Assert.Equal(CorrectionResult.FeaturesDiffer, Submit("reviewer-a", 7, [1.0, 2.0, 3.0000001]).Item1);
        Assert.Equal(CorrectionResult.FeaturesDiffer, Submit("reviewer-a", 7, [1.0, 2.0]).Item1);
        Assert.Equal(CorrectionResult.AgreesWithAnswer, Submit("reviewer-a", 4).Item1);
        Assert.Equal(CorrectionResult.StakeTooLow, Submit("reviewer-a", 7, stake: 99).Item1);
        Assert.Equal(CorrectionResult.ContributorInvalid, Submit("protocol:treasury", 7).Item1);
        // one correction per inference: a retry is 'exists', anything else 'exists with a different correction'
        Assert.Equal(CorrectionResult.Exists, Submit("reviewer-a", 7, existing: record).Item1);
        Assert.Equal(CorrectionResult.ExistsWithDifferentCorrection, Submit("reviewer-a", 8, existing: record).Item1);
        Assert.Equal(CorrectionResult.ExistsWithDifferentCorrection, Submit("reviewer-b", 7, existing: record).Item1);
    }

    [Fact]
    public void The_payer_may_flag_without_stake_but_is_never_paid_for_it()
    {
        var (result, record) = Submit("agent:payer", 7, stake: 0);
        Assert.Equal(CorrectionResult.Ok, result);
        Assert.False(record!.IsPaid);
        var accepted = Decide(record, approve: true);
        var layer = CorrectionsLayer.Rows(new LayerId("digits-corrections", 1), [accepted, Decide(Submit("reviewer-a", 7).Item2!, true) with { InferenceId = "x" }], 3, 10);
        Assert.Equal([CorrectionsLayer.UnpaidContributor, "reviewer-a"], layer.Contributors);
        Assert.Equal([1L, 2], layer.RowIds);
        Assert.Equal([7, 7], layer.Data.Labels);
    }

    [Fact]
    public void A_quorum_of_independent_reviewers_decides_once_and_a_rejection_owes_a_penalty()
    {
        var record = Submit("reviewer-a", 7).Item2!;
        Assert.Equal(CorrectionVoteResult.NotIndependent, CorrectionRules.Vote(record, "reviewer-a", true, 2).Result);
        Assert.Equal(CorrectionVoteResult.NotIndependent, CorrectionRules.Vote(record, "agent:payer", true, 2).Result);
        var (first, once) = CorrectionRules.Vote(record, "curator-1", false, 2);
        Assert.Equal(CorrectionVoteResult.Counted, first);
        Assert.Equal(CorrectionVoteResult.AlreadyVoted, CorrectionRules.Vote(once, "curator-1", true, 2).Result);
        var (second, twice) = CorrectionRules.Vote(once, "curator-2", true, 2);
        Assert.Equal((CorrectionVoteResult.Counted, CorrectionStatus.Pending), (second, twice.Status));
        var (third, decided) = CorrectionRules.Vote(twice, "curator-3", false, 2);
        Assert.Equal((CorrectionVoteResult.Decided, CorrectionStatus.Rejected), (third, decided.Status));
        Assert.True(decided.OwesPenalty);
        // a rejected correction gives way to another contributor's, never to its own contributor's second try
        Assert.Equal(CorrectionResult.Ok, Submit("reviewer-b", 8, existing: decided).Item1);
        Assert.Equal(CorrectionResult.ExistsWithDifferentCorrection, Submit("reviewer-a", 8, existing: decided).Item1);
        Assert.Equal(CorrectionVoteResult.AlreadyDecided, CorrectionRules.Vote(decided, "curator-4", true, 2).Result);
        Assert.Throws<ArgumentException>(() => CorrectionsLayer.Rows(new LayerId("c", 1), [decided], 3, 10));
    }

    internal static CorrectionRecord Decide(CorrectionRecord record, bool approve)
    {
        foreach (var reviewer in new[] { "curator-1", "curator-2" }) record = CorrectionRules.Vote(record, reviewer, approve, 2).Record;
        return record;
    }
}
