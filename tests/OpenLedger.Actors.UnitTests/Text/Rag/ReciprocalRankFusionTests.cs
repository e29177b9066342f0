using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Fused_scores_are_sums_of_reciprocal_ranks()
    {
        IReadOnlyList<ScoredDocument> keyword = [new(1, 9.0), new(2, 5.0), new(3, 1.0)];
        IReadOnlyList<ScoredDocument> dense = [new(3, 0.9), new(1, 0.8), new(4, 0.1)];
        var fused = ReciprocalRankFusion.Fuse([keyword, dense], k: 60);
        Assert.Equal([1L, 3L, 2L, 4L], fused.Select(f => f.RowId));
        Assert.Equal(1.0 / 61 + 1.0 / 62, fused[0].Score, 15);
        Assert.Equal(1.0 / 63 + 1.0 / 61, fused[1].Score, 15);
        Assert.Equal(1.0 / 62, fused[2].Score, 15);
        Assert.Equal(1.0 / 63, fused[3].Score, 15);
    }

    [Fact]
    public void Equal_fused_scores_order_by_row_id_and_only_ranks_matter()
    {
        IReadOnlyList<ScoredDocument> a = [new(8, 1000), new(2, 999)];
        IReadOnlyList<ScoredDocument> b = [new(2, 0.001), new(8, 0.0)];
        var fused = ReciprocalRankFusion.Fuse([a, b]);
        Assert.Equal([2L, 8L], fused.Select(f => f.RowId));
        Assert.Equal(fused[0].Score, fused[1].Score);
        Assert.Throws<ArgumentException>(() => ReciprocalRankFusion.Fuse([[new(1, 1), new(1, 0.5)]]));
        // k = 0: the first place of a list weighs 1.
        Assert.Equal(1.0, ReciprocalRankFusion.Fuse([a], k: 0)[0].Score);
    }
}
