using System.Diagnostics;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger.Partitions;

namespace OpenLedger.Actors.LedgerBenchmarks;

/// <summary>
/// The same load on every partition of a ledger split into <see cref="PartitionMap.Count"/> partitions, driving the
/// partition grains (<c>{ledger}:p{n}</c>) directly: in each partition <paramref name="callersPerPartition"/> callers,
/// each a payer held by that partition, post <paramref name="transfersPerPartition"/> inference-shaped transfers in all
/// (eleven postings debiting the payer). The eleven credits go round the partitions starting at the payer's own, so
/// with more than one partition every transfer owes credits to every other partition and the outboxes deliver them.
/// The run ends when every caller is answered and every owed credit is applied (all outboxes empty).
/// </summary>
internal sealed class PartitionedLoad(Func<int, ILedgerGrain> partition, PartitionMap map, string runId, int transfersPerPartition, int callersPerPartition)
{
    /// <summary>Credited accounts per partition: enough that statements spread as an inference's contributors do.</summary>
    private const int EarnersPerPartition = 250;

    public async Task<PartitionedResult> RunAsync(Func<long> storageWrites, Func<int, long> partitionWrites)
    {
        var payers = AccountsByPartition($"{runId}-payer", callersPerPartition);
        var earners = AccountsByPartition($"{runId}-earner", EarnersPerPartition);
        for (var p = 0; p < map.Count; p++)
            foreach (var payer in payers[p])
            {
                var code = await partition(p).DepositAsync($"{runId}-fund-{payer}", payer, 1_000_000_000);
                if (code is not (TransferResultCode.Ok or TransferResultCode.Exists)) throw new InvalidOperationException($"Funding {payer}: {code}");
            }
        await DrainAsync();

        var writesBefore = storageWrites();
        var partitionsBefore = Enumerable.Range(0, map.Count).Select(partitionWrites).ToList();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, map.Count).Select(p => RunPartitionAsync(p, payers[p], earners)));
        var answered = clock.Elapsed;
        await DrainAsync();
        clock.Stop();
        return new PartitionedResult(map.Count, (long)transfersPerPartition * map.Count * LedgerLoad.PostingsPerTransfer, answered, clock.Elapsed, storageWrites() - writesBefore,
            Enumerable.Range(0, map.Count).Select(p => partitionWrites(p) - partitionsBefore[p]).ToList());
    }

    private Task RunPartitionAsync(int p, IReadOnlyList<string> payers, IReadOnlyList<string>[] earners)
    {
        var ledger = partition(p);
        var next = -1;
        return Task.WhenAll(payers.Select(async payer =>
        {
            for (var n = Interlocked.Increment(ref next); n < transfersPerPartition; n = Interlocked.Increment(ref next))
            {
                var postings = Enumerable.Range(0, LedgerLoad.PostingsPerTransfer).Select(i =>
                {
                    var pool = earners[(p + i) % map.Count];
                    return new TransferPosting(payer, pool[(n * LedgerLoad.PostingsPerTransfer + i) % pool.Count], 50 + i, CodeOf(i));
                }).ToList();
                var code = await ledger.PostAsync(new TransferRequest($"{runId}-p{p}-t{n}", postings, $"{runId}-p{p}-inference-{n}"));
                if (code != TransferResultCode.Ok) throw new InvalidOperationException($"Transfer refused: {code}");
            }
        }));
    }

    /// <summary>Waits until no partition owes another anything: every credit the load made owed is applied where it is held.</summary>
    private async Task DrainAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var owed = await Task.WhenAll(Enumerable.Range(0, map.Count).Select(p => partition(p).GetOwedCreditsAsync()));
            if (owed.All(o => o.Count == 0)) return;
            if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"Owed credits not delivered after 5 minutes: {string.Join(", ", owed.Select(o => o.Count))}");
            await Task.Delay(5);
        }
    }

    private static string CodeOf(int posting) => posting switch
    {
        < 8 => "fee.contributor",
        8 => "fee.model_owner",
        9 => "fee.curator",
        _ => "fee.protocol",
    };

    /// <summary><paramref name="perPartition"/> account ids held by each partition (ids tried in order, kept by where the map puts them).</summary>
    private IReadOnlyList<string>[] AccountsByPartition(string prefix, int perPartition)
    {
        var accounts = Enumerable.Range(0, map.Count).Select(_ => new List<string>()).ToArray();
        for (var k = 0; accounts.Any(a => a.Count < perPartition); k++)
        {
            var id = $"{prefix}-{k}";
            var held = accounts[map.PartitionOf(id)];
            if (held.Count < perPartition) held.Add(id);
        }
        return accounts;
    }
}

/// <param name="PartitionWrites">Each partition's journal record and head witness writes during the load (its own postings and the credits delivered to it).</param>
internal sealed record PartitionedResult(int Partitions, long Postings, TimeSpan Answered, TimeSpan Elapsed, long StorageWrites, IReadOnlyList<long> PartitionWrites)
{
    /// <summary>Postings per second until every owed credit was applied (not only until the callers were answered).</summary>
    public double PostingsPerSecond => Postings / Elapsed.TotalSeconds;

    public double WritesPerPosting => (double)StorageWrites / Postings;
}
