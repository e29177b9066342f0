using OpenLedger.Actors.Domain.Paging;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The rule both submission pages (a Datanet's, a contributor's) share: slots in order, an uncommitted slot rewritten drops those after it.</summary>
public sealed class SlotPageTests
{
    [Fact]
    public void Slots_are_written_in_order_and_rewriting_one_drops_the_later_uncommitted_ones()
    {
        var slots = new List<string>();
        SlotPage.Put(slots, 0, 3, "a");
        SlotPage.Put(slots, 1, 3, "b");
        SlotPage.Put(slots, 2, 3, "c");
        Assert.Equal(["a", "b", "c"], slots);

        SlotPage.Put(slots, 1, 3, "B"); // a crash left b and c uncommitted: the owner writes slot 1 again
        Assert.Equal(["a", "B"], slots);

        Assert.Throws<ArgumentOutOfRangeException>(() => SlotPage.Put(slots, 3, 3, "gap")); // past the next slot
        Assert.Throws<ArgumentOutOfRangeException>(() => SlotPage.Put(slots, -1, 3, "negative"));
        SlotPage.Put(slots, 2, 3, "c");
        Assert.Throws<ArgumentOutOfRangeException>(() => SlotPage.Put(slots, 3, 3, "full")); // the page holds 3
        Assert.Equal(["a", "B", "c"], slots);
    }
}
