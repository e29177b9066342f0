namespace OpenLedger.Actors.Domain.Paging;

/// <summary>
/// The rule of an append-only page of slots (a Datanet's or a contributor's submission page): slots are written in order,
/// the owner commits a slot in its own state after the page holds it, so a slot past the owner's count is uncommitted and
/// may be written again — and the uncommitted slots after it go with it.
/// </summary>
public static class SlotPage
{
    /// <summary>Writes <paramref name="item"/> at <paramref name="slot"/> of a page of <paramref name="size"/> slots, dropping later (uncommitted) slots.</summary>
    public static void Put<T>(List<T> slots, int slot, int size, T item)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (slot < 0 || slot >= size || slot > slots.Count)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Slots are written in order: the next is {slots.Count}.");
        if (slot == slots.Count) slots.Add(item);
        else slots[slot] = item;
        if (slot < slots.Count - 1) slots.RemoveRange(slot + 1, slots.Count - slot - 1);
    }
}
