namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// Lets concurrent queries share one scan over the rows. A query that arrives while the index is idle is
/// scanned at once (no added latency); queries that arrive during a scan wait for it to end and are then
/// scanned together, up to <see cref="MaxBatch"/> at a time, so under load the matrix is streamed once per
/// batch instead of once per query. One query's bad input fails only that query.
/// </summary>
public sealed class QueryBatcher(IInfluenceScanner scanner, int maxBatch = 64)
{
    private readonly object _gate = new();
    private readonly Queue<Pending> _waiting = new();
    private bool _draining;

    public IInfluenceScanner Scanner { get; } = scanner ?? throw new ArgumentNullException(nameof(scanner));
    public int MaxBatch { get; } = maxBatch >= 1 ? maxBatch : throw new ArgumentOutOfRangeException(nameof(maxBatch));

    /// <summary>Scans run so far and queries they served (batching shows as queries &gt; scans).</summary>
    public (long Scans, long Queries) Counts
    {
        get
        {
            lock (_gate) return (_scans, _queries);
        }
    }

    private long _scans;
    private long _queries;

    public Task<QueryAttribution> AttributeAsync(double[] features, int? label, int topK)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        var pending = new Pending(new AttributionQuery(features, label), topK, new TaskCompletionSource<QueryAttribution>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            start = !_draining;
            _draining = true;
        }
        if (start) _ = Task.Run(DrainAsync);
        return pending.Completion.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Pending> batch = [];
            lock (_gate)
            {
                while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next)) batch.Add(next);
                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
                _scans++;
                _queries += batch.Count;
            }
            await RunAsync(batch);
        }
    }

    private async Task RunAsync(List<Pending> batch)
    {
        var ready = new List<(Pending Request, PreparedQuery Query)>(batch.Count);
        foreach (var request in batch)
        {
            try
            {
                ready.Add((request, Scanner.Prepare(request.Query.Features, request.Query.Label)));
            }
            catch (Exception e)
            {
                request.Completion.TrySetException(e);
            }
        }
        if (ready.Count == 0) return;
        try
        {
            var results = await Scanner.AttributePreparedAsync(ready.Select(r => r.Query).ToList(), ready.Max(r => r.Request.TopK));
            for (var b = 0; b < ready.Count; b++)
            {
                var result = results[b];
                var topK = ready[b].Request.TopK;
                ready[b].Request.Completion.TrySetResult(result.TopInfluences.Count <= topK ? result : result with { TopInfluences = result.TopInfluences.Take(topK).ToList() });
            }
        }
        catch (Exception e)
        {
            foreach (var (request, _) in ready) request.Completion.TrySetException(e);
        }
    }

    private sealed record Pending(AttributionQuery Query, int TopK, TaskCompletionSource<QueryAttribution> Completion);
}
