using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The paged id index on Azurite: a ledger restarted from a checkpoint reads no archived page (ids, ended pending
/// transfers, statement lines) while it activates — only the manifest and the accounts and open pending transfers (the
/// runs' summaries are read on first use) — and still answers every id used before the checkpoint exactly: <c>Exists</c> for the same
/// body, <c>ExistsWithDifferentPostings</c> for another, <c>PendingAlreadyPosted</c> / <c>PendingAlreadyVoided</c> for
/// reservations that ended, <c>Ok</c> for a new id; and its statements page back into the archive. Reads are counted
/// at the artifact store the silo uses.
/// </summary>
public sealed class LedgerArchiveAzuriteTests
{
    private const string Container = "openledger-test-artifacts";

    [Fact]
    public async Task After_a_restart_duplicate_ids_are_answered_from_the_archive_and_activation_reads_no_archived_page()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"arch-{Guid.NewGuid():N}"[..28];
        var alice = $"alice-{serviceId[5..]}";
        var table = new TableServiceClient(AzuriteEnvironment.ConnectionString).GetTableClient(AzuriteCluster.TableName);
        var blobs = new BlobServiceClient(AzuriteEnvironment.ConnectionString).GetBlobContainerClient(Container);

        var (cluster, _) = await StartAsync(serviceId, blobs);
        AccountStatement before;
        LedgerSummary summary;
        try
        {
            var ledger = cluster.Client.GetGrain<ILedgerGrain>("archive");
            for (var n = 0; n < 12; n++) Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync($"d{n}", alice, 1_000 + n));
            Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r-post", alice)));
            Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r-void", alice)));
            Assert.Equal(TransferResultCode.Ok, await ledger.PostPendingAsync(new PostPendingRequest("p-post", "r-post", [])));
            Assert.Equal(TransferResultCode.Ok, await ledger.VoidPendingAsync(new VoidPendingRequest("v-void", "r-void")));
            for (var n = 12; n < 20; n++) Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync($"d{n}", alice, 1_000 + n));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (CheckpointOf(table, serviceId).Position < 20)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("The ledger did not checkpoint 20 records in 60 s.");
                await Task.Delay(50);
            }
            before = await ledger.GetStatementAsync(alice, 0, 1_000);
            summary = await ledger.GetSummaryAsync();
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        // What the checkpoint archived: every page of its runs.
        var (manifestKey, position) = CheckpointOf(table, serviceId);
        var manifest = CheckpointCodec.DecodeManifest((await blobs.GetBlobClient(manifestKey).DownloadContentAsync()).Value.Content.ToArray());
        var archivedPages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in CheckpointWriter.ArchivedSections)
        {
            foreach (var entry in manifest.Pages(section))
            {
                var run = ArchiveRunCodec.DecodeSummary((await blobs.GetBlobClient(entry.Key).DownloadContentAsync()).Value.Content.ToArray(), section);
                for (var page = 0; page < run.PageCount; page++) archivedPages.Add(run.PageKey(page));
            }
        }
        Assert.NotEmpty(archivedPages);

        var (restarted, reads) = await StartAsync(serviceId, blobs);
        try
        {
            var ledger = restarted.Client.GetGrain<ILedgerGrain>("archive");
            Assert.Equal(summary, await ledger.GetSummaryAsync()); // activates
            Assert.Contains(manifestKey, reads.Keys);
            Assert.DoesNotContain(reads.Keys, archivedPages.Contains);

            // Ids used before the checkpoint, answered from the archive's pages.
            Assert.Equal(TransferResultCode.Exists, await ledger.DepositAsync("d3", alice, 1_003));
            Assert.Equal(TransferResultCode.ExistsWithDifferentPostings, await ledger.DepositAsync("d3", alice, 1_004));
            Assert.Equal(TransferResultCode.Exists, await ledger.CreatePendingAsync(Reserve("r-post", alice)));
            Assert.Equal(TransferResultCode.PendingAlreadyPosted, await ledger.VoidPendingAsync(new VoidPendingRequest("v-late", "r-post")));
            Assert.Equal(TransferResultCode.PendingAlreadyVoided, await ledger.PostPendingAsync(new PostPendingRequest("p-late", "r-void", [])));
            Assert.Equal(PendingTransferStatus.Posted, (await ledger.GetPendingAsync("r-post"))!.Status);
            Assert.Contains(reads.Keys, archivedPages.Contains);
            Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("new", alice, 7));
            var after = await ledger.GetStatementAsync(alice, 0, 1_000);
            Assert.Equal(before.Entries, after.Entries.Take(before.Entries.Count));
            Assert.Equal((before.TotalLines + 1, before.Balance + 7), (after.TotalLines, after.Balance));
            Assert.Equal(after.Entries.Skip(5).Take(10), (await ledger.GetStatementAsync(alice, 5, 10)).Entries);
            Assert.True(position >= 20);
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
            await AzuriteRows.DeleteServiceAsync(AzuriteCluster.TableName, serviceId);
        }
    }

    private static PendingTransferRequest Reserve(string id, string account) => new(id, [new TransferPosting(account, "escrow", 10, "fee.reserved")], TimeSpan.FromHours(1), null);

    private static async Task<(InProcessTestCluster Cluster, ConcurrentDictionary<string, int> Reads)> StartAsync(string serviceId, BlobContainerClient blobs)
    {
        var counting = new CountingArtifactStore(new BlobArtifactStore(blobs));
        var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            ServiceId = serviceId,
            ArtifactStore = counting,
            Settings = new Dictionary<string, string?>
            {
                ["OpenLedger:Storage:Provider"] = nameof(StorageProvider.AzureStorage),
                ["OpenLedger:Storage:ConnectionString"] = AzuriteEnvironment.ConnectionString,
                ["OpenLedger:Storage:TableName"] = AzuriteCluster.TableName,
                ["OpenLedger:Storage:ArtifactContainer"] = Container,
                ["OpenLedger:Ledger:CheckpointEveryRecords"] = "4",
            },
        });
        return (cluster, counting.Reads);
    }

    private static (string Key, long Position) CheckpointOf(TableClient table, string serviceId)
    {
        var head = table.Query<TableEntity>(e => e.RowKey == JournalHead.StateName)
            .SingleOrDefault(e => e.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal) && e.PartitionKey.EndsWith("archive", StringComparison.Ordinal));
        if (head is null) return ("", 0);
        var json = JsonNode.Parse(head.GetBinary("Data"))!.AsObject();
        return (json["CheckpointKey"]?.GetValue<string>() ?? "", json["CheckpointPosition"]?.GetValue<long>() ?? 0);
    }

    /// <summary>Counts the reads of each artifact key.</summary>
    private sealed class CountingArtifactStore(IArtifactStore inner) : IArtifactStore
    {
        public ConcurrentDictionary<string, int> Reads { get; } = new(StringComparer.Ordinal);

        public Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutAsync(content, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            Reads.AddOrUpdate(key, 1, (_, n) => n + 1);
            return inner.GetAsync(key, cancellationToken);
        }
    }
}
