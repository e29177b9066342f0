namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// Where an item sorts in a run: by the hash of its name, then its sequence (a statement line's number; 0 for ids and
/// pending transfers), then its name. A page's fence is the (hash, sequence) of its first item.
/// </summary>
public readonly record struct ArchiveFence(ulong Hash, long Sequence) : IComparable<ArchiveFence>
{
    public int CompareTo(ArchiveFence other)
    {
        var byHash = Hash.CompareTo(other.Hash);
        return byHash != 0 ? byHash : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(ArchiveFence a, ArchiveFence b) => a.CompareTo(b) < 0;
    public static bool operator >(ArchiveFence a, ArchiveFence b) => a.CompareTo(b) > 0;
    public static bool operator <=(ArchiveFence a, ArchiveFence b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ArchiveFence a, ArchiveFence b) => a.CompareTo(b) >= 0;
}

/// <summary>
/// One archived item: its name (transfer id, pending id or account), hash, sequence, and the encoded rest of it
/// (<see cref="ArchiveRunCodec"/>), so runs are merged without decoding their bodies.
/// </summary>
public readonly record struct ArchiveItem(ulong Hash, long Sequence, string Name, byte[] Body) : IComparable<ArchiveItem>
{
    public ArchiveFence Fence => new(Hash, Sequence);

    public int CompareTo(ArchiveItem other)
    {
        var byFence = Fence.CompareTo(other.Fence);
        return byFence != 0 ? byFence : string.CompareOrdinal(Name, other.Name);
    }
}
