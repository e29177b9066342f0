using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Journal;
using OpenLedger.Actors.Grains.Ledger;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Integrity on Azure Table storage (Azurite): a ledger whose journal entities were deleted, truncated or altered
/// behind its back refuses to serve after a restart — every call, read or write, throws
/// <see cref="LedgerIntegrityException"/> naming what failed — instead of serving an older or altered ledger. An
/// untouched ledger in the same service keeps serving.
/// </summary>
public sealed class LedgerIntegrityTests(ITestOutputHelper output)
{
    private const string Table = AzuriteCluster.TableName;
    private const int Deposits = 6; // one record each: records 0–5

    private static readonly string[] Tampering = ["delete-tail", "delete-middle", "delete-head-witness", "garbage-entity", "flip-payload-byte", "truncate-payload",
        "forge-middle-record", "forge-last-record"];

    [Fact]
    public async Task A_ledger_whose_journal_was_tampered_with_refuses_to_serve_after_a_restart()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"integrity-{Guid.NewGuid():N}"[..28];
        var cases = Tampering.Append("untouched").ToList();

        var cluster = await AzuriteCluster.StartAsync(serviceId, silos: 1);
        var heads = new Dictionary<string, string>();
        try
        {
            foreach (var name in cases)
            {
                var ledger = cluster.Client.GetGrain<ILedgerGrain>($"ledger-{name}");
                for (var n = 0; n < Deposits; n++) Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync($"d{n}", "alice", 100 + n));
                heads[name] = (await ledger.GetSummaryAsync()).HeadHash;
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        var table = new TableServiceClient(AzuriteEnvironment.ConnectionString).GetTableClient(Table);
        foreach (var name in cases) await TamperAsync(table, serviceId, $"ledger-{name}", name);

        cluster = await AzuriteCluster.StartAsync(serviceId, silos: 1);
        try
        {
            foreach (var name in cases)
            {
                var ledger = cluster.Client.GetGrain<ILedgerGrain>($"ledger-{name}");
                if (name == "untouched")
                {
                    var summary = await ledger.GetSummaryAsync();
                    Assert.Equal((heads[name], (long)Deposits), (summary.HeadHash, summary.BatchCount));
                    Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("after", "alice", 1));
                    continue;
                }
                var refused = await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.GetBalanceAsync("alice"));
                output.WriteLine($"{name}: {refused.Message}");
                Assert.Contains(ExpectedReason(name), refused.Message);
                await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.DepositAsync("after", "alice", 1));
                await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.GetSummaryAsync());
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await AzuriteRows.DeleteServiceAsync(Table, serviceId);
        }
    }

    private static string ExpectedReason(string tampering) => tampering switch
    {
        "delete-tail" => "record 5 is missing",
        "delete-middle" => "record 2 is missing but record 3 exists",
        "delete-head-witness" => "head witness is missing",
        "garbage-entity" => "record 2 cannot be read",
        "flip-payload-byte" or "truncate-payload" => "record 2 is corrupted",
        "forge-middle-record" => "record 3 does not follow record 2",
        "forge-last-record" => "record 5 differs from the one the head witness vouches for",
        _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
    };

    /// <summary>Changes the ledger's entities directly in the table, as an attacker or a botched restore would.</summary>
    private static async Task TamperAsync(TableClient table, string serviceId, string ledgerKey, string tampering)
    {
        TableEntity Find(string stateName) => table.Query<TableEntity>(e => e.RowKey == stateName).Single(e => e.PartitionKey.Contains(serviceId, StringComparison.Ordinal)
            && e.PartitionKey.Contains(ledgerKey, StringComparison.Ordinal) && e.PartitionKey.EndsWith(ledgerKey, StringComparison.Ordinal));
        var record2 = JournalSegment.StateName(2);
        switch (tampering)
        {
            case "untouched":
                return;
            case "delete-tail":
                await Delete(Find(JournalSegment.StateName(Deposits - 1)));
                return;
            case "delete-middle":
                await Delete(Find(record2));
                return;
            case "delete-head-witness":
                await Delete(Find(JournalHead.StateName));
                return;
            case "garbage-entity":
            {
                var entity = Find(record2);
                entity["Data"] = Encoding.UTF8.GetBytes("{\"this is\": not a journal record");
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
                return;
            }
            case "flip-payload-byte":
                await EditAsync(Find(record2), JournalEntities.FlipMiddleByte);
                return;
            case "truncate-payload":
                await EditAsync(Find(record2), (payload, hash) => (payload[..(payload.Length / 2)], hash));
                return;
            case "forge-middle-record":
                await EditAsync(Find(record2), Forge);
                return;
            case "forge-last-record":
                await EditAsync(Find(JournalSegment.StateName(Deposits - 1)), Forge);
                return;
        }

        Task Delete(TableEntity entity) => table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);

        Task EditAsync(TableEntity entity, Func<byte[], string, (byte[] Payload, string Hash)> edit) => JournalEntities.EditAsync(table, entity, edit);
    }

    /// <summary>Rewrites a record to credit mallory, with a checksum that matches: only the chain or the witness can tell.</summary>
    private static (byte[] Payload, string Hash) Forge(byte[] payload, string hash)
    {
        var batch = JournalCodec.Decode(payload);
        var forged = JournalCodec.Encode(batch with { Entries = [new LedgerTransfer("deposit:forged", [new LedgerPosting("external:deposits", "mallory", 1_000_000, "deposit")])] });
        return (forged, JournalChain.HashOf(forged));
    }
}
