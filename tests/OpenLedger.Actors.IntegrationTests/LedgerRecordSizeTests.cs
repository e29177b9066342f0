using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Configuration;
using Orleans.Storage;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Real batch sizes on Azure Table storage (Azurite): a journal record is closed by its exact encoded size, and the
/// largest record the ledger may write is stored by Orleans' real table provider, while one a little larger is not.
/// </summary>
public sealed class LedgerRecordSizeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_largest_record_the_ledger_writes_is_stored_by_the_table_provider_and_a_larger_one_is_refused()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"size-{Guid.NewGuid():N}"[..24];
        var cluster = await AzuriteCluster.StartAsync(serviceId, silos: 1);
        try
        {
            var services = cluster.GetSiloServiceProvider();
            var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
            var serializer = services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(StorageNames.GrainState).GrainStorageSerializer;
            var grain = GrainId.Create("ledger-size-test", Guid.NewGuid().ToString("N"));
            var payload = new byte[JournalSegment.MaxPayloadBytes];
            new Random(1).NextBytes(payload);
            var largest = new JournalSegment { Sequence = long.MaxValue, Hash = new string('f', 64), Payload = payload };

            var stored = serializer.Serialize(largest).ToArray().Length;
            var envelope = stored - (payload.Length + 2) / 3 * 4;
            output.WriteLine($"{serializer.GetType().Name}: payload {payload.Length:N0} bytes → stored {stored:N0} bytes (envelope {envelope} bytes) of {JournalSegment.TableStateLimitBytes:N0}");
            Assert.True(envelope < JournalSegment.EnvelopeAllowance, $"the envelope takes {envelope} bytes");
            Assert.True(stored <= JournalSegment.TableStateLimitBytes);

            await storage.WriteStateAsync(JournalSegment.StateName(0), grain, new GrainState<JournalSegment>(largest));
            var read = new GrainState<JournalSegment>();
            await storage.ReadStateAsync(JournalSegment.StateName(0), grain, read);
            Assert.Equal(payload, read.State?.Payload);

            var tooLarge = new JournalSegment { Sequence = 1, Hash = largest.Hash, Payload = new byte[JournalSegment.TableStateLimitBytes / 4 * 3 + 1] };
            await Assert.ThrowsAnyAsync<Exception>(() => storage.WriteStateAsync(JournalSegment.StateName(1), grain, new GrainState<JournalSegment>(tooLarge)));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await AzuriteRows.DeleteServiceAsync(AzuriteCluster.TableName, serviceId);
        }
    }

    [Fact]
    public async Task Concurrent_full_batches_of_the_largest_transfers_all_commit_and_an_oversized_one_alone_is_refused()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        const int transfers = 24;
        var serviceId = $"worst-{Guid.NewGuid():N}"[..24];
        var cluster = await AzuriteCluster.StartAsync(serviceId, silos: 1);
        try
        {
            var ledger = cluster.Client.GetGrain<ILedgerGrain>("worst-case");
            string Longest(string prefix, int length) => (prefix + new string('x', length))[..length];
            var code = Longest("fee.", PostingCodes.MaxLength);
            var payers = Enumerable.Range(0, 8).Select(i => Longest($"payer-{i}-", AccountId.MaxLength)).ToArray();
            var recipients = Enumerable.Range(0, LedgerLimits.MaxPostingsPerTransfer).Select(i => Longest($"recipient-{i}-", AccountId.MaxLength)).ToArray();
            // Amounts of 2^48 take 7 of a varint's at most 9 bytes; 8 payers funded with 2^59 each cover three such transfers.
            foreach (var payer in payers) Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync($"fund-{payer[..8]}", payer, 1L << 59));

            TransferRequest Largest(int n, int postings) => new(Longest($"t{n}-", AccountId.MaxTransferIdLength),
                Enumerable.Range(0, postings).Select(i => new TransferPosting(payers[n % payers.Length], recipients[i % recipients.Length], 1L << 48, code)).ToList(),
                Longest($"ref{n}-", AccountId.MaxTransferIdLength));
            var oversized = Largest(transfers, LedgerLimits.MaxPostingsPerTransfer + 1);
            var before = await ledger.GetSummaryAsync();

            var codes = await Task.WhenAll(Enumerable.Range(0, transfers).Select(n => ledger.PostAsync(Largest(n, LedgerLimits.MaxPostingsPerTransfer)))
                .Append(ledger.PostAsync(oversized)));

            var summary = await ledger.GetSummaryAsync();
            output.WriteLine($"{transfers} transfers of {LedgerLimits.MaxPostingsPerTransfer} postings ({LedgerLimits.WorstCaseEntryBytes:N0} bytes each at most) in {summary.BatchCount - before.BatchCount} journal records");
            Assert.All(codes.Take(transfers), c => Assert.Equal(TransferResultCode.Ok, c));
            Assert.Equal(TransferResultCode.TooManyPostings, codes[^1]);
            Assert.Equal(before.TransferCount + transfers, summary.TransferCount);
            Assert.Equal(before.PostingCount + transfers * LedgerLimits.MaxPostingsPerTransfer, summary.PostingCount);
            Assert.InRange(summary.BatchCount - before.BatchCount, transfers * LedgerLimits.WorstCaseEntryBytes / (512 * 1024), transfers); // several full records

            await cluster.DeactivateAsync(ledger);
            Assert.Equal(summary, await ledger.GetSummaryAsync()); // and they replay
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await AzuriteRows.DeleteServiceAsync(AzuriteCluster.TableName, serviceId);
        }
    }
}
