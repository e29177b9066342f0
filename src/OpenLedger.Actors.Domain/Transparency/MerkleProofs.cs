namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// Inclusion and consistency proofs of the log, exactly as RFC 6962 §2.1.1–2.1.2 (RFC 9162 §2.1.3–2.1.4) define
/// PATH and PROOF, computed from stored subtree hashes instead of the leaves. Each proof is computed in two passes:
/// <see cref="TilesForInclusion"/>/<see cref="TilesForConsistency"/> name the full tiles it reads (at most a few per
/// tile level), the caller loads them, then the proof itself. Pure: no I/O.
/// </summary>
public static class MerkleProofs
{
    public static IReadOnlyCollection<MerkleTileId> TilesForInclusion(MerkleLogFrontier frontier, long index, long size) =>
        Record(frontier, reader => Inclusion(reader, index, size));

    public static IReadOnlyCollection<MerkleTileId> TilesForConsistency(MerkleLogFrontier frontier, long oldSize, long newSize) =>
        Record(frontier, reader => Consistency(reader, oldSize, newSize));

    public static IReadOnlyCollection<MerkleTileId> TilesForRoot(MerkleLogFrontier frontier, long size) =>
        Record(frontier, reader => RootAt(reader, size));

    /// <summary>The audit path of entry <paramref name="index"/> in the tree of the first <paramref name="size"/> entries, leaf-side first.</summary>
    public static IReadOnlyList<byte[]> Inclusion(MerkleHashReader reader, long index, long size)
    {
        CheckSize(reader, size);
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), index, $"Entry {index} is not in a tree of {size} entries.");
        var path = new List<byte[]>();
        InclusionPath(reader, index, 0, size, path);
        return path;
    }

    /// <summary>The proof that the tree of <paramref name="newSize"/> entries extends the one of <paramref name="oldSize"/>.</summary>
    public static IReadOnlyList<byte[]> Consistency(MerkleHashReader reader, long oldSize, long newSize)
    {
        CheckSize(reader, newSize);
        if (oldSize < 0 || oldSize > newSize) throw new ArgumentOutOfRangeException(nameof(oldSize), oldSize, $"A consistency proof needs 0 ≤ old size ≤ new size ({newSize}).");
        var proof = new List<byte[]>();
        if (oldSize == 0 || oldSize == newSize) return proof;
        SubProof(reader, oldSize, 0, newSize, true, proof);
        return proof;
    }

    /// <summary>The root of the tree of the first <paramref name="size"/> entries (an older tree head's root).</summary>
    public static byte[] RootAt(MerkleHashReader reader, long size)
    {
        CheckSize(reader, size);
        return size == 0 ? MerkleHashing.EmptyTreeHash() : RangeHash(0, size, reader);
    }

    /// <summary>MTH of entries [start, end): stored when the range is one perfect subtree, else split as RFC 6962 does.</summary>
    internal static byte[] RangeHash(long start, long end, MerkleHashReader reader)
    {
        var n = end - start;
        if (MerkleHashing.IsPowerOfTwo(n) && start % n == 0)
        {
            var level = 63 - (int)long.LeadingZeroCount(n);
            return reader.Hash(new SubtreeAddress(level, start >> level));
        }
        var k = MerkleHashing.SplitPoint(n);
        return MerkleHashing.NodeHash(RangeHash(start, start + k, reader), RangeHash(start + k, end, reader));
    }

    // PATH(m, D[start:end]) of RFC 6962 §2.1.1, m relative to start.
    private static void InclusionPath(MerkleHashReader reader, long m, long start, long end, List<byte[]> path)
    {
        var n = end - start;
        if (n <= 1) return;
        var k = MerkleHashing.SplitPoint(n);
        if (m < k)
        {
            InclusionPath(reader, m, start, start + k, path);
            path.Add(RangeHash(start + k, end, reader));
        }
        else
        {
            InclusionPath(reader, m - k, start + k, end, path);
            path.Add(RangeHash(start, start + k, reader));
        }
    }

    // SUBPROOF(m, D[start:end], b) of RFC 6962 §2.1.2, m relative to start.
    private static void SubProof(MerkleHashReader reader, long m, long start, long end, bool wholeOldTree, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!wholeOldTree) proof.Add(RangeHash(start, end, reader));
            return;
        }
        var k = MerkleHashing.SplitPoint(n);
        if (m <= k)
        {
            SubProof(reader, m, start, start + k, wholeOldTree, proof);
            proof.Add(RangeHash(start + k, end, reader));
        }
        else
        {
            SubProof(reader, m - k, start + k, end, false, proof);
            proof.Add(RangeHash(start, start + k, reader));
        }
    }

    private static void CheckSize(MerkleHashReader reader, long size)
    {
        if (size < 0 || size > reader.Frontier.Size)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The log holds {reader.Frontier.Size} entries; a tree of {size} is not in it.");
    }

    private static IReadOnlyCollection<MerkleTileId> Record(MerkleLogFrontier frontier, Action<MerkleHashReader> proof)
    {
        var reader = new MerkleHashReader(frontier, new Dictionary<MerkleTileId, MerkleTile>()) { RecordMissing = true };
        proof(reader);
        return reader.Missing;
    }
}
