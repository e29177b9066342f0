using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

public sealed class TextFeeSplitTests
{
    private static readonly FeeSharePolicy Policy = new(1_000, 2_000, 2_000, 5_000);

    [Fact]
    public void The_contributors_share_goes_by_span_weight_and_the_unattributed_weight_to_the_protocol()
    {
        var parts = TextFeeSplit.Split(100_000, Policy, "protocol", "owner", ["curator"],
            new Dictionary<string, long> { ["b"] = 300, ["a"] = 100 }, unattributedWeight: 100);

        Assert.Equal(100_000, parts.Sum(p => p.Amount));
        Assert.Equal(
            [("protocol", 10_000L, FeeRecipientRole.Protocol), ("owner", 20_000L, FeeRecipientRole.ModelOwner), ("curator", 20_000L, FeeRecipientRole.Curator),
             ("a", 10_000L, FeeRecipientRole.Contributor), ("b", 30_000L, FeeRecipientRole.Contributor), ("protocol", 10_000L, FeeRecipientRole.UnattributedContributorShare)],
            parts.Select(p => (p.Account, p.Amount, p.Role)));
    }

    [Fact]
    public void No_weight_at_all_leaves_the_whole_contributors_share_unattributed()
    {
        var parts = TextFeeSplit.Split(1_000, Policy, "protocol", "owner", [], new Dictionary<string, long>(), unattributedWeight: 0);
        Assert.Equal(1_000, parts.Sum(p => p.Amount));
        Assert.Equal(500, parts.Single(p => p.Role == FeeRecipientRole.UnattributedContributorShare).Amount);
        Assert.DoesNotContain(parts, p => p.Role == FeeRecipientRole.Contributor);
    }

    [Fact]
    public void Random_weights_split_exactly_with_no_zero_or_negative_part_in_any_order()
    {
        var rng = new Random(16);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var fee = rng.NextInt64(0, 10_000_000);
            var weights = Enumerable.Range(0, rng.Next(0, 10)).ToDictionary(i => $"c{i}", _ => rng.NextInt64(0, 1L << 40));
            var unattributed = rng.Next(0, 3) == 0 ? 0 : rng.NextInt64(0, 1L << 40);
            var parts = TextFeeSplit.Split(fee, Policy, "protocol", "owner", ["x", "y"], weights, unattributed);
            Assert.Equal(fee, parts.Sum(p => p.Amount));
            Assert.All(parts, p => Assert.True(p.Amount > 0));
            Assert.Equal(parts, TextFeeSplit.Split(fee, Policy, "protocol", "owner", ["y", "x"], new Dictionary<string, long>(weights.Reverse()), unattributed));
        }
    }

    [Fact]
    public void Documents_of_one_contributor_add_up()
    {
        var weights = TextFeeSplit.ContributorWeights([("a", 5), ("b", 7), ("a", 11)]);
        Assert.Equal(16, weights["a"]);
        Assert.Equal(7, weights["b"]);
    }
}

public sealed class TextSubmissionRulesTests
{
    [Fact]
    public void A_submission_is_refused_whole_for_bad_text_too_many_documents_or_too_many_bytes()
    {
        Assert.Equal("text.documents_missing", TextSubmissionRules.Normalize([]).Problem?.Code);
        Assert.Equal("submission.too_large", TextSubmissionRules.Normalize(Enumerable.Repeat("x", TextSubmissionRules.MaxDocuments + 1).ToArray()).Problem?.Code);
        Assert.Equal("text.empty", TextSubmissionRules.Normalize(["fine", "  "]).Problem?.Code);
        Assert.StartsWith("Document 1:", TextSubmissionRules.Normalize(["fine", "  "]).Problem?.Message);
        Assert.Equal("text.too_large", TextSubmissionRules.Normalize([new string('a', TextSubmissionRules.MaxDocumentBytes + 1)]).Problem?.Code);
        var big = new string('a', TextSubmissionRules.MaxDocumentBytes - 10);
        Assert.Equal("submission.too_large", TextSubmissionRules.Normalize(Enumerable.Range(0, 17).Select(i => big + i).ToArray()).Problem?.Code);
        Assert.Equal(["a\nb"], TextSubmissionRules.Normalize(["a\r\nb  "]).Documents!.Select(d => d.Text));
    }

    [Fact]
    public void Equal_and_nearly_equal_documents_are_found_against_the_live_ones_and_within_the_submission()
    {
        var text = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));
        var other = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"term{i}"));
        var index = new NearDuplicateTextIndex();
        var hashes = new Dictionary<string, long>();
        var (first, _) = TextSubmissionRules.Normalize([text]);
        Assert.Null(TextSubmissionRules.FindDuplicate(first!, 1, index, hashes));

        Assert.Equal("text.duplicate", TextSubmissionRules.FindDuplicate(TextSubmissionRules.Normalize([text + "\n"]).Documents!, 2, index, hashes)?.Code);
        Assert.Equal("text.near_duplicate", TextSubmissionRules.FindDuplicate(TextSubmissionRules.Normalize([text + " word200"]).Documents!, 2, index, hashes)?.Code);
        var problem = TextSubmissionRules.FindDuplicate(TextSubmissionRules.Normalize([other, other + " term200"]).Documents!, 2, new NearDuplicateTextIndex(), new Dictionary<string, long>());
        Assert.Equal("text.near_duplicate", problem?.Code);
        Assert.Contains("row 2", problem!.Message);
        Assert.Null(TextSubmissionRules.FindDuplicate(TextSubmissionRules.Normalize([other]).Documents!, 2, index, hashes));
    }
}
