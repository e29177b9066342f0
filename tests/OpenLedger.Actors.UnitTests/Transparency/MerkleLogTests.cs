using OpenLedger.Actors.Domain.Transparency;

namespace OpenLedger.Actors.UnitTests.Transparency;

public class MerkleLogTests
{
    private static byte[] Data(int i) => System.Text.Encoding.UTF8.GetBytes($"entry-{i}");

    /// <summary>A log built by appends, with its full tiles kept as a store would keep them.</summary>
    private sealed class BuiltLog
    {
        public BuiltLog(int count, int height)
        {
            Frontier = new MerkleLogFrontier(height);
            for (var i = 0; i < count; i++) Append(Data(i));
        }

        public MerkleLogFrontier Frontier { get; private set; }
        public Dictionary<MerkleTileId, MerkleTile> Tiles { get; } = [];
        public List<byte[]> Leaves { get; } = [];

        public void Append(byte[] data)
        {
            Leaves.Add(data);
            foreach (var tile in Frontier.Append(MerkleHashing.LeafHash(data)))
                Assert.True(Tiles.TryAdd(tile.Id, tile), $"tile {tile.Id} written twice");
        }

        /// <summary>A reader given only the tiles the first pass asked for: proves the pass names every tile it reads.</summary>
        public MerkleHashReader ReaderWith(IEnumerable<MerkleTileId> needed) =>
            new(Frontier, needed.ToDictionary(id => id, id => Tiles[id]));

        /// <summary>Reloads the frontier from its stored form, as activation does.</summary>
        public void Reload() =>
            Frontier = new MerkleLogFrontier(Frontier.Layout, Frontier.Size, Frontier.PartialTiles.Select(p => (IReadOnlyList<byte[]>)p.Select(h => h.ToArray()).ToList()).ToList());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Roots_inclusion_and_consistency_proofs_equal_the_naive_tree_for_every_size(int height)
    {
        var log = new BuiltLog(0, height);
        for (var size = 1; size <= 70; size++)
        {
            log.Append(Data(size - 1));
            Assert.Equal(NaiveMerkleTree.Root(log.Leaves), log.Frontier.RootHash());
            for (var m = 0; m < size; m++)
            {
                var tiles = MerkleProofs.TilesForInclusion(log.Frontier, m, size);
                var path = MerkleProofs.Inclusion(log.ReaderWith(tiles), m, size);
                Assert.Equal(NaiveMerkleTree.Path(m, log.Leaves), path);
                Assert.True(MerkleProofVerifier.VerifyInclusion(NaiveMerkleTree.Leaf(log.Leaves[m]), m, size, path, log.Frontier.RootHash()));
            }
            for (var old = 0; old <= size; old++)
            {
                var tiles = MerkleProofs.TilesForConsistency(log.Frontier, old, size);
                var proof = MerkleProofs.Consistency(log.ReaderWith(tiles), old, size);
                Assert.Equal(NaiveMerkleTree.Proof(old, log.Leaves), proof);
                var oldRoot = NaiveMerkleTree.Root(log.Leaves.Take(old).ToList());
                Assert.True(MerkleProofVerifier.VerifyConsistency(old, size, oldRoot, log.Frontier.RootHash(), proof), $"consistency {old}→{size}");
                Assert.Equal(oldRoot, MerkleProofs.RootAt(log.ReaderWith(MerkleProofs.TilesForRoot(log.Frontier, old)), old));
            }
        }
    }

    [Fact]
    public void A_large_log_with_default_tiles_proves_old_entries_against_old_and_new_heads()
    {
        var log = new BuiltLog(70_000, MerkleTileLayout.DefaultHeight);
        var random = new Random(6962);
        var leafHashes = log.Leaves.Select(NaiveMerkleTree.Leaf).ToList();
        var rootAt = new Dictionary<int, byte[]>();
        byte[] NaiveRoot(int size) => rootAt.TryGetValue(size, out var r) ? r : rootAt[size] = NaiveMerkleTree.Root(log.Leaves.Take(size).ToList());
        Assert.Equal(NaiveRoot(70_000), log.Frontier.RootHash());
        foreach (var size in new[] { 1, 255, 256, 257, 65_535, 65_536, 65_537, 70_000 })
        {
            for (var trial = 0; trial < 5; trial++)
            {
                var m = random.Next(size);
                var tiles = MerkleProofs.TilesForInclusion(log.Frontier, m, size);
                Assert.True(tiles.Count <= 6, $"{tiles.Count} tiles for one inclusion proof");
                var path = MerkleProofs.Inclusion(log.ReaderWith(tiles), m, size);
                Assert.True(MerkleProofVerifier.VerifyInclusion(leafHashes[m], m, size, path, NaiveRoot(size)), $"entry {m} of {size}");
            }
            var proof = MerkleProofs.Consistency(log.ReaderWith(MerkleProofs.TilesForConsistency(log.Frontier, size, 70_000)), size, 70_000);
            Assert.True(MerkleProofVerifier.VerifyConsistency(size, 70_000, NaiveRoot(size), NaiveRoot(70_000), proof));
        }
        // The frontier (what the log's grain stores) stays small however long the log: ≤ one partial tile per level.
        var frontierBytes = log.Frontier.PartialTiles.Sum(p => p.Count * MerkleHashing.HashSize);
        Assert.True(frontierBytes <= 3 * 256 * 32, $"frontier {frontierBytes} bytes");
        Assert.Equal(70_000 / 256 + 70_000 / 65_536, log.Tiles.Count);
    }

    [Fact]
    public void A_reloaded_frontier_continues_the_same_tree()
    {
        var log = new BuiltLog(1_000, 3);
        log.Reload();
        for (var i = 1_000; i < 1_100; i++) log.Append(Data(i));
        Assert.Equal(NaiveMerkleTree.Root(log.Leaves), log.Frontier.RootHash());
        Assert.Throws<ArgumentException>(() => new MerkleLogFrontier(log.Frontier.Layout, log.Frontier.Size + 1, log.Frontier.PartialTiles));
    }

    [Fact]
    public void A_proof_that_reads_an_unloaded_tile_names_it()
    {
        var log = new BuiltLog(100, 2);
        var error = Assert.Throws<MerkleTileMissingException>(() => MerkleProofs.Inclusion(new MerkleHashReader(log.Frontier, new Dictionary<MerkleTileId, MerkleTile>()), 0, 100));
        Assert.Contains(error.Tile, MerkleProofs.TilesForInclusion(log.Frontier, 0, 100));
    }

    [Fact]
    public void Tampering_with_a_leaf_a_proof_an_index_a_size_or_a_root_is_detected()
    {
        var log = new BuiltLog(1_000, 2);
        var root = log.Frontier.RootHash();
        var leaf = NaiveMerkleTree.Leaf(log.Leaves[417]);
        var path = MerkleProofs.Inclusion(log.ReaderWith(MerkleProofs.TilesForInclusion(log.Frontier, 417, 1_000)), 417, 1_000);
        Assert.True(MerkleProofVerifier.VerifyInclusion(leaf, 417, 1_000, path, root));

        Assert.False(MerkleProofVerifier.VerifyInclusion(NaiveMerkleTree.Leaf(Data(9_999)), 417, 1_000, path, root));
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 416, 1_000, path, root));
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 417, 1_000, path.Append(path[0]).ToList(), root));
        // The size is bound by the signed tree head, not by the path (999 and 1,000 can share a path's shape).
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 417, 1_000, path.Take(path.Count - 1).ToList(), root));
        var flipped = path.Select(p => p.ToArray()).ToList();
        flipped[3][0] ^= 1;
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 417, 1_000, flipped, root));
        var otherRoot = root.ToArray();
        otherRoot[31] ^= 0x80;
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 417, 1_000, path, otherRoot));
    }

    [Fact]
    public void A_forked_or_rewritten_log_fails_consistency_with_its_earlier_head()
    {
        var honest = new BuiltLog(600, 2);
        var oldRoot = MerkleProofs.RootAt(honest.ReaderWith(MerkleProofs.TilesForRoot(honest.Frontier, 400)), 400);

        // Fork: same first 399 entries, entry 399 changed, then the same later entries.
        var forked = new BuiltLog(0, 2);
        for (var i = 0; i < 600; i++) forked.Append(i == 399 ? Data(-1) : Data(i));
        var forkProof = MerkleProofs.Consistency(forked.ReaderWith(MerkleProofs.TilesForConsistency(forked.Frontier, 400, 600)), 400, 600);
        Assert.False(MerkleProofVerifier.VerifyConsistency(400, 600, oldRoot, forked.Frontier.RootHash(), forkProof));

        // Dropped entry: the operator removes entry 123 and republishes.
        var dropped = new BuiltLog(0, 2);
        for (var i = 0; i < 601; i++) if (i != 123) dropped.Append(Data(i));
        var dropProof = MerkleProofs.Consistency(dropped.ReaderWith(MerkleProofs.TilesForConsistency(dropped.Frontier, 400, 600)), 400, 600);
        Assert.False(MerkleProofVerifier.VerifyConsistency(400, 600, oldRoot, dropped.Frontier.RootHash(), dropProof));

        // The honest proof passes, and fails if its sizes are misstated.
        var proof = MerkleProofs.Consistency(honest.ReaderWith(MerkleProofs.TilesForConsistency(honest.Frontier, 400, 600)), 400, 600);
        Assert.True(MerkleProofVerifier.VerifyConsistency(400, 600, oldRoot, honest.Frontier.RootHash(), proof));
        Assert.False(MerkleProofVerifier.VerifyConsistency(401, 600, oldRoot, honest.Frontier.RootHash(), proof));
        // A misstated new size can verify with the same hashes (its shape may match): sizes are bound by the signed
        // tree head, which is why heads are signed with their size (see the tree-head test).
    }

    [Fact]
    public void A_signed_tree_head_verifies_only_unchanged_and_only_with_the_publishers_key()
    {
        using var key = TreeHeadKey.Create();
        using var other = TreeHeadKey.Create();
        var head = new TreeHead("receipts", 1_000, MerkleHashing.LeafHash([1, 2, 3]), DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000));
        var signed = key.Sign(head);
        using var published = TreeHeadKey.FromPublicKeyInfo(key.PublicKeyInfo);
        Assert.Equal(key.KeyId, published.KeyId);
        Assert.True(signed.VerifyWith(published));
        Assert.False(signed.VerifyWith(other));
        Assert.False((signed with { Head = head with { Size = 999 } }).VerifyWith(published));
        Assert.False((signed with { Head = head with { RootHash = MerkleHashing.LeafHash([1, 2, 4]) } }).VerifyWith(published));
        Assert.False((signed with { Head = head with { Timestamp = head.Timestamp.AddMilliseconds(1) } }).VerifyWith(published));
        Assert.False((signed with { Head = head with { LogId = "transfers" } }).VerifyWith(published));
        using var restored = TreeHeadKey.FromPrivateKeyPem(key.ExportPrivateKeyPem());
        Assert.True(restored.Sign(head).VerifyWith(published));
    }

    [Fact]
    public void A_log_entry_commits_to_its_kind_id_and_content()
    {
        var a = LogEntry.For("receipt", "inf-1", [1, 2, 3]);
        Assert.Equal(a.LeafHash(), LogEntry.For("receipt", "inf-1", [1, 2, 3]).LeafHash());
        Assert.NotEqual(a.LeafHash(), LogEntry.For("receipt", "inf-1", [1, 2, 4]).LeafHash());
        Assert.NotEqual(a.LeafHash(), LogEntry.For("transfer", "inf-1", [1, 2, 3]).LeafHash());
        Assert.NotEqual(a.LeafHash(), LogEntry.For("receipt", "inf-2", [1, 2, 3]).LeafHash());
        Assert.Throws<ArgumentException>(() => LogEntry.For("receipt", "a\nb", [1]).LeafData());
    }
}
