using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;
using OpenLedger.Actors.Domain.Ledger.Journal;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Security;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.LedgerBenchmarks;

/// <summary>
/// Recovery benchmark (<c>--recovery</c>): activation time and memory of a ledger with N transfers of history. The
/// history is built quickly, not by posting transfers one at a time: the transfers are applied to a
/// <see cref="LedgerBook"/> in this process, encoded as journal records by <see cref="JournalCodec"/> and written
/// through <see cref="LedgerJournal"/> to the silo's grain storage; checkpoints are stored through
/// <see cref="LedgerCheckpointStore"/> as the history grows (at 64, 128, 256, … records, each archiving what came
/// before and merging runs, as the ledger does), the last one covering all but the last <see cref="TailRecords"/>
/// records, and the head witness names it — the same code and storage the ledger grain uses. Then the first call
/// activates the grain (load the checkpoint's accounts and run summaries, verify and replay the tail) and is timed;
/// memory is the managed heap after a full collection, before and after activation, and the process's working set.
/// The ledger is then deactivated and activated twice more, and the fastest of the three is the figure compared.
/// One JSON line per case. <c>--full-replay</c> leaves the checkpoint unnamed, so activation replays the whole
/// journal (the behaviour before checkpoints), for comparison. With <c>--smoke</c> the exit code is 1 if the
/// 100 k-transfer activation takes more than <see cref="SmokeLimit"/> times the 10 k one.
/// </summary>
internal static class RecoveryBenchmark
{
    /// <summary>Journal records after the checkpoint (3,200 transfers: a tail shorter than the default checkpoint interval, the same at every size).</summary>
    private const int TailRecords = 16;

    /// <summary>The smoke run fails if the largest in-memory activation takes more than this many times the smallest.</summary>
    private const double SmokeLimit = 3.0;

    private const int Activations = 3;

    private const int TransfersPerRecord = 200;
    private const int Accounts = 1_000;
    private const string Table = "OpenLedgerRecovery";
    private const string Container = "openledger-recovery";

    public static async Task<int> RunAsync(string[] args, string connectionString)
    {
        var smoke = args.Contains("--smoke");
        var fullReplay = args.Contains("--full-replay");
        var memorySizes = Sizes(args, "--memory-sizes", smoke ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]);
        var azuriteSizes = Sizes(args, "--azurite-sizes", smoke ? [] : [10_000, 100_000]);
        await MeasureAsync("memory", 4_000, connectionString, fullReplay, print: false); // warm-up: the first activation pays for compiling the code paths
        var results = new List<(string Storage, long Transfers, double Milliseconds, double HeapMiB)>();
        foreach (var size in azuriteSizes) results.Add(await MeasureAsync("azurite", size, connectionString, fullReplay));
        foreach (var size in memorySizes) results.Add(await MeasureAsync("memory", size, connectionString, fullReplay));
        var memory = results.Where(r => r.Storage == "memory").OrderBy(r => r.Transfers).ToList();
        if (memory.Count >= 2)
        {
            var ratio = memory[^1].Milliseconds / memory[0].Milliseconds;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                @case = "ratio",
                storage = "memory",
                smallest = memory[0].Transfers,
                largest = memory[^1].Transfers,
                activation_largest_over_smallest = Math.Round(ratio, 2),
                heap_largest_over_smallest = Math.Round(memory[^1].HeapMiB / Math.Max(0.1, memory[0].HeapMiB), 2),
                goal = 2.0,
                meets_goal = ratio <= 2.0,
                smoke_limit = smoke ? SmokeLimit : (double?)null,
            }));
            if (smoke && ratio > SmokeLimit)
            {
                Console.Error.WriteLine($"recovery smoke: activating {memory[^1].Transfers} transfers took {ratio:F2}× the time of {memory[0].Transfers} (limit {SmokeLimit}×)");
                return 1;
            }
        }
        return 0;
    }

    private static async Task<(string Storage, long Transfers, double Milliseconds, double HeapMiB)> MeasureAsync(string storage, long transfers, string connectionString, bool fullReplay,
        bool print = true)
    {
        var values = new Dictionary<string, string?>();
        if (storage == "azurite")
        {
            values["OpenLedger:Storage:Provider"] = nameof(StorageProvider.AzureStorage);
            values["OpenLedger:Storage:ConnectionString"] = connectionString;
            values["OpenLedger:Storage:TableName"] = Table;
            values["OpenLedger:Storage:ArtifactContainer"] = Container;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = $"recovery-{Guid.NewGuid():N}"[..30];
        builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30)));
        var artifacts = new BenchmarkArtifactStore(storage == "azurite"
            ? new BlobArtifactStore(new BlobServiceClient(connectionString).GetBlobContainerClient(Container))
            : null);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IArtifactStore>(artifacts); // before AddOpenLedger, which keeps it
            silo.AddOpenLedger(configuration);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30));
            // Orleans cancels an activation after 30 s by default; give it longer, so a slow one is measured (and flagged), not lost.
            silo.Configure<GrainCollectionOptions>(o => o.ActivationTimeout = TimeSpan.FromMinutes(30));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var ledger = cluster.Client.GetGrain<ILedgerGrain>($"recovery-{transfers}");
            var services = cluster.GetSiloServiceProvider();
            var built = await BuildHistoryAsync(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState),
                artifacts, ledger.GetGrainId(), transfers, publishCheckpoint: !fullReplay);

            var heapBefore = FullCollect();
            var workingSetBefore = Environment.WorkingSet;
            var started = Stopwatch.GetTimestamp();
            var summary = await ledger.GetSummaryAsync();
            var elapsed = Stopwatch.GetElapsedTime(started);
            var heapAfter = FullCollect();
            var workingSetAfter = Environment.WorkingSet;
            if (summary.TransferCount != transfers || summary.BatchCount != built.Records || summary.BalanceSum != 0 || summary.HeadHash != built.HeadHash)
                throw new InvalidOperationException($"The activated ledger does not match the history written: {summary}.");
            var activations = new List<double> { elapsed.TotalMilliseconds };
            for (var again = 1; again < Activations; again++)
            {
                await cluster.DeactivateAsync(ledger);
                FullCollect();
                var restarted = Stopwatch.GetTimestamp();
                if (await ledger.GetSummaryAsync() != summary) throw new InvalidOperationException("The ledger answers differently after another activation.");
                activations.Add(Stopwatch.GetElapsedTime(restarted).TotalMilliseconds);
            }
            // Ids from the archive still answer (and an absent one costs no page read unless a filter errs).
            if (!fullReplay && await ledger.PostAsync(new TransferRequest("deposit:0000000007", [new TransferPosting(AccountId.ExternalDeposits, "acct-0007", 8, PostingCodes.Deposit)])) != TransferResultCode.Exists)
                throw new InvalidOperationException("An archived id does not answer Exists.");
            if (print) Console.WriteLine(JsonSerializer.Serialize(new
            {
                @case = "recovery",
                storage,
                from = fullReplay ? "journal" : "checkpoint",
                transfers,
                records = built.Records,
                tail_records = built.Records - built.Position,
                accounts = Accounts,
                checkpoint_artifacts = built.Pages,
                id_runs = built.IdRuns,
                checkpoint_mib = Math.Round(built.CheckpointBytes / 1048576.0, 1),
                build_seconds = Math.Round(built.Elapsed.TotalSeconds, 1),
                activation_ms = Math.Round(activations.Min(), 1),
                activation_ms_each = activations.Select(ms => Math.Round(ms, 1)).ToList(),
                over_default_activation_timeout = elapsed > TimeSpan.FromSeconds(30),
                heap_mib_added = Math.Round((heapAfter - heapBefore) / 1048576.0, 1),
                heap_bytes_per_transfer = Math.Round((heapAfter - heapBefore) / (double)transfers, 1),
                working_set_mib_added = Math.Round((workingSetAfter - workingSetBefore) / 1048576.0, 1),
                working_set_mib = Math.Round(workingSetAfter / 1048576.0, 1),
            }));
            return (storage, transfers, activations.Min(), (heapAfter - heapBefore) / 1048576.0);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            if (storage == "azurite")
            {
                await new TableServiceClient(connectionString).DeleteTableAsync(Table);
                await new BlobServiceClient(connectionString).DeleteBlobContainerAsync(Container);
            }
        }
    }

    private sealed record History(long Records, long Position, string HeadHash, int Pages, long CheckpointBytes, int IdRuns, TimeSpan Elapsed);

    /// <summary>
    /// Writes <paramref name="transfers"/> deposits (200 to a record, over 1,000 accounts) as journal records,
    /// checkpoints at 64, 128, 256, … records and at all but the last <see cref="TailRecords"/>, and the head witness
    /// naming the last. After each checkpoint the builder's own book and statements hand what it archived to it, as
    /// the grain does, so building 10 M transfers does not hold them all.
    /// </summary>
    private static async Task<History> BuildHistoryAsync(IGrainStorage storage, BenchmarkArtifactStore artifacts, GrainId grainId, long transfers, bool publishCheckpoint)
    {
        var started = Stopwatch.GetTimestamp();
        var options = new LedgerOptions();
        var journal = new LedgerJournal(storage, grainId, options, NullLogger.Instance);
        var book = new LedgerBook(AccountId.IsExternal, options.MaxBatchBytes - JournalCodec.MaxHeaderBytes);
        var statements = new AccountStatements();
        var ids = new List<TransferIdSnapshot>();
        var records = (transfers + TransfersPerRecord - 1) / TransfersPerRecord;
        if (records <= TailRecords) throw new ArgumentOutOfRangeException(nameof(transfers), $"A history needs more than {TailRecords * TransfersPerRecord} transfers.");
        var checkpointAt = records - TailRecords;
        var checkpointsAt = new SortedSet<long> { checkpointAt };
        for (long at = 64; at < checkpointAt; at *= 2) checkpointsAt.Add(at);
        var store = new LedgerCheckpointStore(artifacts);
        var committedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var hash = JournalChain.Genesis;
        var writes = new List<Task>();
        using var throttle = new SemaphoreSlim(32);
        (CheckpointManifest Manifest, CheckpointPointer Pointer, LedgerArchive Archive)? checkpoint = null;
        long checkpointBytes = 0;
        var artifactCount = 0;
        for (long sequence = 0, next = 0; sequence < records; sequence++)
        {
            var entries = new List<LedgerEntry>(TransfersPerRecord);
            for (; entries.Count < TransfersPerRecord && next < transfers; next++)
            {
                var transfer = new LedgerTransfer($"deposit:{next:D10}", [new LedgerPosting(AccountId.ExternalDeposits, $"acct-{next % Accounts:D4}", 1 + next % 1_000, PostingCodes.Deposit)]);
                if (book.Apply(transfer, out var posted) != LedgerResultCode.Ok) throw new InvalidOperationException($"Transfer {transfer.Id} does not apply.");
                statements.Record(sequence, committedAt, transfer.Id, transfer.Reference, posted);
                ids.Add(new TransferIdSnapshot(transfer.Id, book.FingerprintOf(transfer.Id)!));
                entries.Add(transfer);
            }
            var payload = JournalCodec.Encode(new JournalBatch(sequence, committedAt, hash, entries));
            hash = JournalChain.HashOf(payload);
            var segment = new JournalSegment { Sequence = sequence, Hash = hash, Payload = payload };
            await throttle.WaitAsync();
            writes.Add(Task.Run(async () =>
            {
                try { await journal.WriteRecordAsync(segment); }
                finally { throttle.Release(); }
            }));
            committedAt += TimeSpan.FromMilliseconds(5);
            if (checkpointsAt.Contains(sequence + 1))
            {
                var accounts = book.AccountSnapshots().Select(a => a with { Lines = statements.LineCount(a.Id) }).ToList();
                var content = new CheckpointContent(sequence + 1, hash, committedAt, book.TransferCount, book.TransferCount, accounts, [], [], ids,
                    statements.Recent.ToList());
                checkpoint = await store.StoreAsync(book.Archive, content, artifacts);
                var archive = checkpoint.Value.Archive;
                book.AttachArchive(archive, ids.Select(t => t.Id), []);
                statements.AttachArchive(archive, content.NewStatementLines);
                statements.ForgetRecent(content.NewStatementLines.Count);
                ids = [];
                // What the newest checkpoint names; older runs (merged away) are dropped from the in-memory store.
                var live = new HashSet<string>(StringComparer.Ordinal) { checkpoint.Value.Pointer.Key };
                foreach (var entry in checkpoint.Value.Manifest.Sections.Values.SelectMany(p => p)) live.Add(entry.Key);
                foreach (var run in CheckpointWriter.ArchivedSections.SelectMany(archive.Runs).Select(listed => listed.Run(artifacts)))
                {
                    for (var page = 0; page < run.PageCount; page++) live.Add(run.PageKey(page));
                }
                checkpointBytes = artifacts.Retain(live);
                artifactCount = live.Count;
            }
        }
        await Task.WhenAll(writes);
        await journal.ReadWitnessAsync();
        // Without the pointer (--full-replay) activation replays the whole journal, as before checkpoints.
        var (_, pointer, last) = checkpoint ?? throw new InvalidOperationException("No checkpoint was taken.");
        await journal.WriteWitnessAsync(new JournalWitness(records - 1, hash), committedAt, publishCheckpoint ? pointer : null);
        return new History(records, publishCheckpoint ? checkpointAt : 0, hash, artifactCount, checkpointBytes, last.TransferIds.Count, Stopwatch.GetElapsedTime(started));
    }

    private static long FullCollect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long[] Sizes(string[] args, string name, long[] fallback)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0 || index + 1 >= args.Length) return fallback;
        if (args[index + 1] is "none" or "") return [];
        return args[index + 1].Split(',').Select(s => long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
    }
}
