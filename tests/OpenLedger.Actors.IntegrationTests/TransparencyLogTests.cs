using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Domain.Transparency;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Issue 19's transparency log on a three-silo cluster: appends exactly once under concurrency, tiles written and read
/// back after every activation is collected, heads signed, and every proof checked by the domain verifier against
/// leaf hashes the test computes itself; and the inference path: each receipt lands in the log and its inclusion
/// proof verifies against a signed head.
/// </summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class TransparencyLogTests(InMemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private static TransparencyEntry Entry(string log, int i) =>
        new("test", $"{log}-{i}", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"content {i}"))));

    private static byte[] LeafOf(TransparencyEntry e) => new LogEntry(e.Kind, e.Id, Convert.FromHexString(e.ContentHash)).LeafHash();

    [Fact]
    public async Task Concurrent_appends_are_logged_once_and_every_proof_verifies_after_the_activations_are_collected()
    {
        var logId = $"test-{Guid.NewGuid():N}";
        var log = Grains.GetGrain<ITransparencyLogGrain>(logId);
        var at = DateTimeOffset.UtcNow;
        const int count = 700; // > 2 full leaf tiles: tiles written to their grains, a partial one in the frontier

        // Each entry appended twice, concurrently, 50 at a time: one position each, all distinct.
        var positions = new Dictionary<int, long>();
        for (var start = 0; start < count; start += 50)
        {
            var batch = Enumerable.Range(start, 50).ToList();
            var firsts = batch.Select(i => log.AppendAsync(Entry(logId, i), at)).ToList();
            var repeats = batch.Select(i => log.AppendAsync(Entry(logId, i), at)).ToList();
            var answers = await Task.WhenAll(firsts.Concat(repeats));
            for (var k = 0; k < batch.Count; k++)
            {
                var index = answers[k] ?? answers[k + batch.Count];
                Assert.NotNull(index);
                positions[batch[k]] = index!.Value;
            }
        }
        Assert.Equal(count, positions.Values.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i).ToHashSet(), positions.Values.ToHashSet());

        var head = await log.GetHeadAsync();
        Assert.Equal(count, head.Size);
        var key = await log.GetSigningKeyAsync();
        using var publicKey = TreeHeadKey.FromPublicKeyInfo(Convert.FromBase64String(key.PublicKey));
        Assert.True(Signed(head).VerifyWith(publicKey), "the head's signature checks with the published key");

        // Every activation collected: tiles and the frontier come back from storage.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var entries = new List<LoggedEntry>();
        for (long start = 0; start < count; start += 256) entries.AddRange(await log.GetEntriesAsync(start, 256));
        Assert.Equal(count, entries.Count);
        Assert.All(entries, e => Assert.Equal(positions[int.Parse(e.Entry.Id.Split('-')[^1])], e.Index));

        var leaves = entries.Select(e => LeafOf(e.Entry)).ToList();
        var root = Convert.FromHexString(head.RootHash);
        foreach (var index in new long[] { 0, 1, 255, 256, 511, 512, 600, count - 1 })
        {
            var proof = await log.GetInclusionProofAsync(index, count);
            Assert.Equal(Convert.ToHexStringLower(leaves[(int)index]), proof.LeafHash);
            Assert.True(MerkleProofVerifier.VerifyInclusion(leaves[(int)index], index, count, proof.Path.Select(Convert.FromHexString).ToList(), root), $"entry {index}");
        }

        // Growth after the collection continues the same tree: the old head is consistent with the new one.
        for (var i = count; i < count + 100; i++) await log.AppendAsync(Entry(logId, i), at);
        await Task.Delay(10); // the new head's timestamp differs from the old one's
        var later = await WaitForHeadAsync(log, count + 100);
        var consistency = await log.GetConsistencyProofAsync(count, count + 100);
        Assert.True(MerkleProofVerifier.VerifyConsistency(count, count + 100, root, Convert.FromHexString(later.RootHash),
            consistency.Path.Select(Convert.FromHexString).ToList()));

        var tooBig = await Assert.ThrowsAsync<OpenLedgerException>(() => log.GetInclusionProofAsync(0, count + 101));
        Assert.Equal("transparency.size_out_of_range", tooBig.ErrorCode);
        var invalid = await Assert.ThrowsAsync<OpenLedgerException>(() => log.AppendAsync(new TransparencyEntry("test", "x", "not hex"), at));
        Assert.Equal("transparency.entry_invalid", invalid.ErrorCode);
    }

    [Fact]
    public async Task Every_receipt_lands_in_the_receipts_log_and_its_inclusion_proof_verifies_against_a_signed_head()
    {
        var scenario = new Scenario(Grains, "transparency");
        await scenario.SetUpAsync();
        var results = new List<InferenceResult>();
        for (var i = 0; i < 5; i++)
            results.Add(await scenario.Session.InferAsync(new InferenceRequest($"t-{i}", scenario.QueryFeatures(i), scenario.QueryLabel(i))));

        var log = Grains.GetGrain<ITransparencyLogGrain>(TransparencyLogs.Receipts);
        foreach (var result in results)
        {
            var index = await Grains.GetGrain<IInferenceGrain>(result.InferenceId).GetTransparencyIndexAsync();
            Assert.NotNull(index); // the outbox delivered before the inference answered
            var head = await WaitForHeadAsync(log, index!.Value + 1);
            var proof = await log.GetInclusionProofAsync(index.Value, head.Size);
            var leaf = LeafOf(ReceiptDigest.EntryOf(result.InferenceId, result.Receipt));
            Assert.True(MerkleProofVerifier.VerifyInclusion(leaf, index.Value, head.Size, proof.Path.Select(Convert.FromHexString).ToList(),
                Convert.FromHexString(head.RootHash)), $"receipt {result.InferenceId}");

            // A receipt changed in any posting does not verify.
            var changed = result.Receipt with { Postings = [.. result.Receipt.Postings.Select((p, k) => k == 0 ? p with { Amount = p.Amount + 1 } : p)] };
            Assert.False(MerkleProofVerifier.VerifyInclusion(LeafOf(ReceiptDigest.EntryOf(result.InferenceId, changed)), index.Value, head.Size,
                proof.Path.Select(Convert.FromHexString).ToList(), Convert.FromHexString(head.RootHash)));
        }

        // A replay of an inference does not log it again.
        var blinded = ReceiptDigest.BlindedId(results[0].InferenceId);
        Assert.Equal(1, await CountAsync(log, blinded));
        await scenario.Session.InferAsync(new InferenceRequest("t-0", scenario.QueryFeatures(0), scenario.QueryLabel(0)));
        Assert.Equal(1, await CountAsync(log, blinded));
    }

    private static async Task<int> CountAsync(ITransparencyLogGrain log, string entryId)
    {
        var found = 0;
        for (long start = 0; ; start += 256)
        {
            var page = await log.GetEntriesAsync(start, 256);
            found += page.Count(e => e.Entry.Id == entryId);
            if (page.Count < 256) return found;
        }
    }

    private static SignedTreeHead Signed(PublishedTreeHead head) =>
        new(new TreeHead(head.LogId, head.Size, Convert.FromHexString(head.RootHash), head.Timestamp), head.KeyId, Convert.FromHexString(head.Signature));

    /// <summary>Heads are signed at most once per head interval (10 s by default): wait for one covering the size.</summary>
    private static async Task<PublishedTreeHead> WaitForHeadAsync(ITransparencyLogGrain log, long size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var head = await log.GetHeadAsync();
            if (head.Size >= size) return head;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No head covered {size} entries within 30 s (last {head.Size}).");
            await Task.Delay(250);
        }
    }
}
