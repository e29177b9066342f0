namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// A perfect subtree of the log: the 2^<see cref="Level"/> leaves starting at <c>Index · 2^Level</c>. Level 0 is a
/// single leaf. Every hash a proof needs is the hash of such a subtree, or is computed from several.
/// </summary>
public readonly record struct SubtreeAddress(int Level, long Index)
{
    public long FirstLeaf => Index << Level;
    public long LeafCount => 1L << Level;
}
