using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

public sealed class ContextAblationMasksTests
{
    [Fact]
    public void Masks_are_reproducible_from_the_seed_and_keep_about_p()
    {
        var masks = ContextAblationMasks.Sample(documents: 20, masks: 2_000, seed: 7);
        Assert.Equal(masks, ContextAblationMasks.Sample(20, 2_000, 7));
        Assert.NotEqual(masks, ContextAblationMasks.Sample(20, 2_000, 8));
        var kept = masks.Sum(m => m.Count(k => k)) / 40_000.0;
        Assert.InRange(kept, 0.49, 0.51);
        var sparse = ContextAblationMasks.Sample(20, 2_000, 7, keepProbability: 0.1).Sum(m => m.Count(k => k)) / 40_000.0;
        Assert.InRange(sparse, 0.09, 0.11);
        // Each document on its own is kept about half the time, independently of its neighbour.
        for (var d = 0; d < 19; d++)
        {
            var both = masks.Count(m => m[d] && m[d + 1]) / 2_000.0;
            Assert.InRange(both, 0.21, 0.29);
        }
        // A fixed value (checked against a Python SplitMix64), so a change to the generator cannot pass unnoticed (receipts re-derive masks from the seed).
        Assert.Equal("011110", string.Concat(ContextAblationMasks.Sample(6, 1, 42)[0].Select(k => k ? '1' : '0')));
    }

    [Fact]
    public void All_subsets_are_enumerated_once()
    {
        var all = ContextAblationMasks.All(6);
        Assert.Equal(64, all.Length);
        Assert.Equal(64, all.Select(m => string.Concat(m.Select(k => k ? '1' : '0'))).Distinct().Count());
        Assert.All(all[0], k => Assert.False(k));
        Assert.All(all[63], k => Assert.True(k));
    }
}
