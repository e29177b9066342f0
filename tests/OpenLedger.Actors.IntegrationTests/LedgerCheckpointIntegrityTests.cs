using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;
using OpenLedger.Actors.Grains.Ledger;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Checkpoint integrity on Azurite: a ledger whose checkpoint artifacts (blobs) or the journal records it relies on
/// (the record the checkpoint ends with, the tail after it) were deleted or altered behind its back refuses to serve
/// after a restart — <see cref="LedgerIntegrityException"/>, so the readiness check <c>ledger</c> fails — instead of
/// starting from an older or altered state. An untouched ledger in the same service loads its checkpoint and serves.
/// </summary>
public sealed class LedgerCheckpointIntegrityTests(ITestOutputHelper output)
{
    private const string Table = AzuriteCluster.TableName;
    private const string Container = "openledger-test-artifacts";
    private const int Deposits = 7; // records 0–6; checkpoints at 3, then 6 or 7; one more deposit is the tail

    private static readonly string[] Tampering = ["delete-manifest", "delete-page", "corrupt-page", "delete-covered-record", "corrupt-covered-record",
        "delete-tail-record", "corrupt-tail-record"];

    [Fact]
    public async Task A_ledger_whose_checkpoint_or_its_tail_was_tampered_with_refuses_to_serve_after_a_restart()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"ckpt-{Guid.NewGuid():N}"[..28];
        var alice = $"alice-{serviceId[5..]}";
        var cases = Tampering.Append("untouched").ToList();
        var settings = new Dictionary<string, string?> { ["OpenLedger:Ledger:CheckpointEveryRecords"] = "3" };
        var table = new TableServiceClient(AzuriteEnvironment.ConnectionString).GetTableClient(Table);
        var blobs = new BlobServiceClient(AzuriteEnvironment.ConnectionString).GetBlobContainerClient(Container);

        var cluster = await AzuriteCluster.StartAsync(serviceId, silos: 1, settings);
        var summaries = new Dictionary<string, LedgerSummary>();
        var positions = new Dictionary<string, long>();
        try
        {
            foreach (var name in cases)
            {
                var ledger = cluster.Client.GetGrain<ILedgerGrain>($"ledger-{name}");
                // Amounts differ per ledger and the account per run, so no two ledgers (of this run or an earlier one, in the shared container)
                // share a content-addressed page: tampering with one ledger's page must not touch another's.
                var amount = 1_000 * (cases.IndexOf(name) + 1);
                for (var n = 0; n < Deposits; n++) Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync($"d{n}", alice, amount + n));
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                while ((positions[name] = CheckpointOf(Find(table, serviceId, name, JournalHead.StateName)).Position) < 6)
                {
                    if (DateTime.UtcNow > deadline) throw new TimeoutException($"Ledger {name} did not checkpoint records 0–5 in 30 s.");
                    await Task.Delay(20);
                }
                Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("tail", alice, 1)); // record positions[name], after the checkpoint
                summaries[name] = await ledger.GetSummaryAsync();
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        foreach (var name in Tampering) output.WriteLine($"{name}: checkpoint at {positions[name]}; {await TamperAsync(table, blobs, serviceId, name, positions[name])}");

        cluster = await AzuriteCluster.StartAsync(serviceId, silos: 1, settings);
        try
        {
            foreach (var name in cases)
            {
                var ledger = cluster.Client.GetGrain<ILedgerGrain>($"ledger-{name}");
                if (name == "untouched")
                {
                    Assert.Equal(summaries[name], await ledger.GetSummaryAsync());
                    Assert.Equal(TransferResultCode.Exists, await ledger.DepositAsync("d0", alice, 1_000 * cases.Count));
                    Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("after", alice, 1));
                    continue;
                }
                var refused = await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.GetSummaryAsync());
                output.WriteLine($"{name}: {refused.Message}");
                Assert.Contains(ExpectedReason(name, positions[name]), refused.Message);
                await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.DepositAsync("after", alice, 1));
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await AzuriteRows.DeleteServiceAsync(Table, serviceId);
        }
    }

    private static string ExpectedReason(string tampering, long position) => tampering switch
    {
        "delete-manifest" or "delete-page" => "is missing from the artifact store",
        "corrupt-page" => "is corrupted",
        "delete-covered-record" => $"Journal record {position - 1}, the last one checkpoint",
        "corrupt-covered-record" => $"Journal record {position - 1} is corrupted",
        "delete-tail-record" => $"record {position} is missing",
        "corrupt-tail-record" => $"record {position} is corrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
    };

    private static TableEntity Find(TableClient table, string serviceId, string name, string stateName) =>
        table.Query<TableEntity>(e => e.RowKey == stateName).Single(e => e.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal)
            && e.PartitionKey.EndsWith($"ledger-{name}", StringComparison.Ordinal));

    private static (string? Key, long Position) CheckpointOf(TableEntity head)
    {
        var json = JsonNode.Parse(head.GetBinary("Data"))!.AsObject();
        return (json["CheckpointKey"]?.GetValue<string>(), json["CheckpointPosition"]?.GetValue<long>() ?? 0);
    }

    /// <summary>Changes the ledger's checkpoint blobs or journal entities directly; <paramref name="position"/> is where its checkpoint ends.</summary>
    private static async Task<string> TamperAsync(TableClient table, BlobContainerClient blobs, string serviceId, string name, long position)
    {
        var (manifestKey, _) = CheckpointOf(Find(table, serviceId, name, JournalHead.StateName));
        var manifest = CheckpointCodec.DecodeManifest((await blobs.GetBlobClient(manifestKey).DownloadContentAsync()).Value.Content.ToArray());
        var page = manifest.Pages(CheckpointSection.Accounts)[0].Key;
        var what = $"manifest {manifestKey} (position {manifest.Position}), accounts page {page}";
        switch (name)
        {
            case "delete-manifest":
                await blobs.DeleteBlobAsync(manifestKey);
                return what;
            case "delete-page":
                await blobs.DeleteBlobAsync(page);
                return what;
            case "corrupt-page":
            {
                var bytes = (await blobs.GetBlobClient(page).DownloadContentAsync()).Value.Content.ToArray();
                bytes[^1] ^= 1;
                await blobs.GetBlobClient(page).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
                return what;
            }
            case "delete-covered-record":
                await Delete(Find(table, serviceId, name, JournalSegment.StateName(position - 1)));
                return what;
            case "corrupt-covered-record":
                await FlipPayloadByteAsync(Find(table, serviceId, name, JournalSegment.StateName(position - 1)));
                return what;
            case "delete-tail-record":
                await Delete(Find(table, serviceId, name, JournalSegment.StateName(position)));
                return what;
            case "corrupt-tail-record":
                await FlipPayloadByteAsync(Find(table, serviceId, name, JournalSegment.StateName(position)));
                return what;
            default:
                throw new ArgumentOutOfRangeException(nameof(name));
        }

        Task Delete(TableEntity entity) => table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);

        Task FlipPayloadByteAsync(TableEntity entity) => JournalEntities.EditAsync(table, entity, JournalEntities.FlipMiddleByte);
    }
}
