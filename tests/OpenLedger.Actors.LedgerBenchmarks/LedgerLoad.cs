using System.Diagnostics;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.LedgerBenchmarks;

/// <summary>
/// Concurrent callers post inference-shaped transfers (a payer pays eight contributors, the model owner, the
/// curators and the protocol: eleven postings). <see cref="LoadMode.PostingPerTransfer"/> sends each posting as its
/// own transfer, which with batches of one is the naive one-write-per-posting ledger; <see cref="LoadMode.TwoPhase"/>
/// reserves the fee first and then posts the split from the reservation, as an inference that reserves its fee does.
/// </summary>
internal sealed class LedgerLoad(ILedgerGrain ledger, string runId, int transfers, int concurrency, LoadMode mode)
{
    public const int PostingsPerTransfer = 11;

    public async Task<LoadResult> RunAsync(Func<long> storageWrites)
    {
        var payers = Enumerable.Range(0, concurrency).Select(i => $"{runId}-payer-{i}").ToArray();
        foreach (var payer in payers)
        {
            var code = await ledger.DepositAsync($"{runId}-fund-{payer}", payer, 1_000_000_000);
            if (code is not (TransferResultCode.Ok or TransferResultCode.Exists)) throw new InvalidOperationException($"Funding {payer}: {code}");
        }

        var writesBefore = storageWrites();
        var latencies = new double[transfers];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(payers.Select(async payer =>
        {
            for (var n = Interlocked.Increment(ref next); n < transfers; n = Interlocked.Increment(ref next))
            {
                var postings = Postings(payer, n);
                var started = Stopwatch.GetTimestamp();
                switch (mode)
                {
                    case LoadMode.PostingPerTransfer:
                        for (var p = 0; p < postings.Count; p++) Expect(await ledger.PostAsync(new TransferRequest($"{runId}-t{n}-p{p}", [postings[p]])));
                        break;
                    case LoadMode.TwoPhase:
                        var fee = postings.Sum(p => p.Amount);
                        Expect(await ledger.CreatePendingAsync(new PendingTransferRequest($"{runId}-r{n}", [new TransferPosting(payer, "escrow:inference", fee, "fee.reserved")],
                            TimeSpan.FromMinutes(5), $"{runId}-inference-{n}")));
                        Expect(await ledger.PostPendingAsync(new PostPendingRequest($"{runId}-t{n}", $"{runId}-r{n}", postings, $"{runId}-inference-{n}")));
                        break;
                    default:
                        Expect(await ledger.PostAsync(new TransferRequest($"{runId}-t{n}", postings, $"{runId}-inference-{n}")));
                        break;
                }
                latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        clock.Stop();
        Array.Sort(latencies);
        var postingCount = (long)transfers * PostingsPerTransfer;
        return new LoadResult(postingCount, clock.Elapsed, storageWrites() - writesBefore,
            latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
    }

    private static List<TransferPosting> Postings(string payer, int n)
    {
        var postings = Enumerable.Range(0, 8).Select(i => new TransferPosting(payer, $"contributor-{(n * 8 + i) % 997:D4}", 50 + i, "fee.contributor")).ToList();
        postings.Add(new TransferPosting(payer, "model-owner", 200, "fee.model_owner"));
        postings.Add(new TransferPosting(payer, "curators", 200, "fee.curator"));
        postings.Add(new TransferPosting(payer, "protocol:treasury", 100, "fee.protocol"));
        return postings;
    }

    private static void Expect(TransferResultCode code)
    {
        if (code != TransferResultCode.Ok) throw new InvalidOperationException($"Transfer refused: {code}");
    }
}

internal enum LoadMode { GroupCommit, TwoPhase, PostingPerTransfer }

internal sealed record LoadResult(long Postings, TimeSpan Elapsed, long StorageWrites, double P50Milliseconds, double P99Milliseconds)
{
    public double PostingsPerSecond => Postings / Elapsed.TotalSeconds;
    public double WritesPerPosting => (double)StorageWrites / Postings;
}
