namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// Checks inclusion and consistency proofs against tree heads, by the verification algorithms of RFC 9162 §2.1.3.2
/// and §2.1.4.2. Needs nothing but the proof, the leaf and the roots: what a contributor runs on their own machine.
/// </summary>
public static class MerkleProofVerifier
{
    /// <summary>True when <paramref name="leafHash"/> is entry <paramref name="index"/> of the tree of <paramref name="size"/> entries with root <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != MerkleHashing.HashSize) return false;
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != MerkleHashing.HashSize) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHashing.NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                r = MerkleHashing.NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>True when the tree of <paramref name="newSize"/> entries (root <paramref name="newRoot"/>) extends the one of <paramref name="oldSize"/> (root <paramref name="oldRoot"/>).</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || oldSize > newSize) return false;
        if (oldSize == newSize) return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        if (oldSize == 0) return proof.Count == 0;
        if (proof.Count == 0 || proof.Any(p => p.Length != MerkleHashing.HashSize)) return false;
        var path = MerkleHashing.IsPowerOfTwo(oldSize) ? proof.Prepend(oldRoot.ToArray()).ToList() : proof.ToList();
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHashing.NodeHash(c, fr);
                sr = MerkleHashing.NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                sr = MerkleHashing.NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }
}
