using OpenLedger.Actors.Grains.Staking;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// A proposal's stake snapshot as content-addressed artifacts: every positive stake when the proposal was made, sorted
/// by (stake-index bucket, account) and cut into pages of at most <see cref="PageSize"/> entries (each under 600 KB with
/// 128-character names); a manifest lists the pages with the bucket range each covers and the totals. A proposal stores
/// only the manifest's key; a vote bucket reads only the page(s) holding its own bucket, so memory per vote bucket stays
/// the size of one index bucket however many stakers there are.
/// </summary>
public static class StakeSnapshotArtifact
{
    public const int PageSize = 4_096;
    private const string ManifestMagic = "STKM", PageMagic = "STKP";

    public sealed record Manifest(string Key, long TotalStake, int StakerCount, IReadOnlyList<PageRef> Pages);

    public sealed record PageRef(string Key, int FirstBucket, int LastBucket, int Count);

    /// <summary>Stores the snapshot of <paramref name="stakes"/> (positive stakes only) and returns its manifest.</summary>
    public static async Task<Manifest> StoreAsync(IArtifactStore store, IEnumerable<StakeEntry> stakes, CancellationToken cancellationToken = default)
    {
        var sorted = stakes.Where(s => s.Stake > 0)
            .Select(s => (Bucket: StakeIndex.BucketOf(s.Account), s.Account, s.Stake))
            .OrderBy(s => s.Bucket).ThenBy(s => s.Account, StringComparer.Ordinal).ToList();
        var pages = new List<PageRef>();
        long total = 0;
        for (var start = 0; start < sorted.Count; start += PageSize)
        {
            var page = sorted.GetRange(start, Math.Min(PageSize, sorted.Count - start));
            using var stream = new MemoryStream();
            using (var writer = ArtifactFormat.Begin(stream, PageMagic, 1))
            {
                writer.Write(page.Count);
                foreach (var (bucket, account, stake) in page)
                {
                    writer.Write(bucket);
                    writer.Write(account);
                    writer.Write(stake);
                    total = checked(total + stake);
                }
            }
            pages.Add(new PageRef(await store.PutAsync(stream.ToArray(), cancellationToken), page[0].Bucket, page[^1].Bucket, page.Count));
        }
        using var manifest = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(manifest, ManifestMagic, 1))
        {
            writer.Write(total);
            writer.Write(sorted.Count);
            writer.Write(pages.Count);
            foreach (var page in pages)
            {
                writer.Write(page.Key);
                writer.Write(page.FirstBucket);
                writer.Write(page.LastBucket);
                writer.Write(page.Count);
            }
        }
        var key = await store.PutAsync(manifest.ToArray(), cancellationToken);
        return new Manifest(key, total, sorted.Count, pages);
    }

    public static async Task<Manifest> LoadManifestAsync(IArtifactStore store, string key, CancellationToken cancellationToken = default)
    {
        var bytes = await store.GetAsync(key, cancellationToken);
        ArtifactKey.Verify(key, bytes);
        using var reader = ArtifactFormat.Open(bytes, ManifestMagic, 1);
        var total = reader.ReadInt64();
        var count = reader.ReadInt32();
        var pages = new PageRef[reader.ReadInt32()];
        for (var i = 0; i < pages.Length; i++) pages[i] = new PageRef(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        return new Manifest(key, total, count, pages);
    }

    /// <summary>The snapshot stakes of one index bucket's accounts.</summary>
    public static async Task<Dictionary<string, long>> LoadBucketAsync(IArtifactStore store, string manifestKey, int bucket, CancellationToken cancellationToken = default)
    {
        var manifest = await LoadManifestAsync(store, manifestKey, cancellationToken);
        var stakes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var page in manifest.Pages.Where(p => p.FirstBucket <= bucket && bucket <= p.LastBucket))
        {
            var bytes = await store.GetAsync(page.Key, cancellationToken);
            ArtifactKey.Verify(page.Key, bytes);
            using var reader = ArtifactFormat.Open(bytes, PageMagic, 1);
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var entryBucket = reader.ReadInt32();
                var account = reader.ReadString();
                var stake = reader.ReadInt64();
                if (entryBucket == bucket) stakes[account] = stake;
            }
        }
        return stakes;
    }
}
