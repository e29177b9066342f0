using OpenLedger.Actors.Domain.Curation;

namespace OpenLedger.Actors.UnitTests;

public sealed class CurationTests
{
    [Fact]
    public void A_scaled_or_slightly_perturbed_copy_is_a_duplicate_of_the_first_contributor_row()
    {
        var data = BundledData.Digits;
        var detector = new NearDuplicateDetector(data.Dimension);
        for (var i = 0; i < 300; i++) detector.Add(i, $"c{i % 7}", data.Row(i));

        detector.Rescale(FeatureScale.Estimate(detector.RawRows, data.Dimension));
        var copy = data.Row(42).ToArray().Select((v, j) => v + (j % 2 == 0 ? 1e-3 : -1e-3)).ToArray(); // the same image, invisible noise
        var match = detector.FindDuplicate(copy, cutoff: 0.999);
        Assert.NotNull(match);
        Assert.Equal(42, match.RowId);
        Assert.Equal("c0", match.Contributor);
        Assert.True(match.Cosine > 0.999);

        // Genuinely new rows (even of the same class) are not duplicates at a strict cutoff.
        for (var i = 300; i < 1_797; i++) Assert.Null(detector.FindDuplicate(data.Row(i), cutoff: 0.999));
    }

    [Fact]
    public void On_unscaled_tabular_data_only_the_per_feature_scale_keeps_distinct_rows_apart()
    {
        var data = BundledData.BreastCancer; // features from ~0.05 (smoothness) to ~2,500 (area)
        var raw = new NearDuplicateDetector(data.Dimension);
        for (var i = 0; i < 200; i++) raw.Add(i, "c", data.Row(i));
        var rawDuplicates = Enumerable.Range(200, 200).Count(i => raw.FindDuplicate(data.Row(i), 0.999) is not null);

        raw.Rescale(FeatureScale.Estimate(raw.RawRows, data.Dimension));
        var scaledDuplicates = Enumerable.Range(200, 200).Count(i => raw.FindDuplicate(data.Row(i), 0.999) is not null);
        Assert.True(rawDuplicates > 50, $"raw cosine calls {rawDuplicates} of 200 distinct rows duplicates");
        Assert.Equal(0, scaledDuplicates);
    }

    [Fact]
    public void A_flipped_label_disagrees_with_its_neighbourhood()
    {
        var data = BundledData.Digits;
        var detector = new NearDuplicateDetector(data.Dimension);
        for (var i = 0; i < 1_000; i++) detector.Add(i, "c", data.Row(i), data.Labels[i]);
        detector.Rescale(FeatureScale.Estimate(detector.RawRows, data.Dimension));
        double honest = 0, flipped = 0;
        for (var i = 1_000; i < 1_200; i++)
        {
            honest += detector.LabelAgreement(data.Row(i), data.Labels[i], 5)!.Value;
            flipped += detector.LabelAgreement(data.Row(i), (data.Labels[i] + 1) % 10, 5)!.Value;
        }
        Assert.True(honest / 200 > 0.8, $"honest agreement {honest / 200:F3}");
        Assert.True(flipped / 200 < 0.1, $"flipped agreement {flipped / 200:F3}");
        Assert.Null(new NearDuplicateDetector(data.Dimension).LabelAgreement(data.Row(0), 0, 5)); // too few rows to judge
    }

    [Fact]
    public void Zero_vectors_only_duplicate_zero_vectors_and_bad_input_is_refused()
    {
        var detector = new NearDuplicateDetector(3);
        detector.Add(1, "a", [1, 0, 0]); // identity scale: the centre is the zero vector
        Assert.Null(detector.FindDuplicate([0, 0, 0], 0.5));
        detector.Add(2, "b", [0, 0, 0]);
        Assert.Equal(2, detector.FindDuplicate([0, 0, 0], 0.5)!.RowId);
        Assert.Throws<ArgumentException>(() => detector.FindDuplicate([1, 2], 0.5));
        Assert.Throws<ArgumentException>(() => detector.Add(3, "c", [double.NaN, 0, 0]));
        Assert.Equal(2, detector.Count);
    }

    [Fact]
    public void A_quota_admits_whole_submissions_only_and_resets_each_UTC_day()
    {
        var quota = new ContributionQuota();
        var monday = new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.Zero);
        Assert.Null(quota.TryConsume(monday, 80, 8_000, dailyRowQuota: 100, dailyByteQuota: 10_000));
        Assert.Equal("quota.rows", quota.TryConsume(monday, 21, 10, 100, 10_000)!.Code);
        Assert.Equal("quota.bytes", quota.TryConsume(monday, 1, 2_001, 100, 10_000)!.Code);
        Assert.Equal((80, 8_000L), (quota.RowsUsed, quota.BytesUsed)); // refusals consumed nothing
        Assert.Null(quota.TryConsume(monday, 20, 2_000, 100, 10_000));

        // 02:00 in UTC+3 is still Monday 23:00 UTC; one hour later it is Tuesday.
        Assert.Equal("quota.rows", quota.TryConsume(new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.FromHours(3)), 1, 1, 100, 10_000)!.Code);
        Assert.Null(quota.TryConsume(monday.AddHours(1), 100, 10_000, 100, 10_000));
    }

    [Fact]
    public void Penalties_slash_a_fraction_of_stake_and_past_the_threshold_reduce_rewards()
    {
        var standing = new ContributorStanding();
        standing.AddStake(10_001);
        Assert.Equal(1_000, standing.Penalise(1_000)); // floor(10,001 × 10 %)
        Assert.Equal(9_001, standing.Stake);
        Assert.Equal(10_000, standing.RewardRateBps(penaltyThreshold: 2, penalizedRewardBps: 5_000));
        standing.Penalise(1_000);
        standing.Penalise(1_000);
        Assert.Equal(3, standing.Penalties);
        Assert.Equal(5_000, standing.RewardRateBps(2, 5_000));
        Assert.Equal(0, standing.Penalise(0));

        standing.RecordReview(accepted: 9, rejected: 3);
        Assert.Equal(0.75, standing.Reputation);
        Assert.Throws<ArgumentOutOfRangeException>(() => standing.Penalise(10_001));
        Assert.Throws<ArgumentOutOfRangeException>(() => standing.AddStake(0));
    }
}
