using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Models;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// Attribution for one model. On first use it loads the model and its version matrix and builds the
/// influence index (Hessian factorised once, rows kept as float — here, or beyond
/// <see cref="AttributionOptions.RowsPerShard"/> rows in <see cref="IAttributionShardGrain"/>s that every query
/// batch fans out to, their top-k lists merged exactly). Queries are read-only and run on the thread
/// pool (the grain is reentrant); concurrent queries share one scan (<see cref="QueryBatcher"/>). The
/// per-contribution totals are updated only on the grain's turn and persisted as deltas (<see cref="AttributionTotalsLog"/>):
/// a recording is acknowledged once the write holding it is durable — concurrent recordings share one write — so the
/// inference's outbox can stop delivering it.
/// </summary>
[Reentrant]
public sealed class AttributionGrain(
    [PersistentState("attribution", StorageNames.GrainState)] IPersistentState<AttributionState> state,
    IArtifactStore artifacts,
    IOptions<AttributionOptions> options,
    ILogger<AttributionGrain> logger) : Grain, IAttributionGrain
{
    public const string ExactInfluenceMethod = "influence-function/exact-hessian";
    public const string RepresentationSimilarityMethod = "representation-similarity/label-signed-cosine";
    public const int MaxTopK = 100;

    private AttributionTotalsLog _totals = null!;
    private bool _writeFailed;
    private Task<LoadedAttributionIndex>? _index;
    private readonly OneWriteAtATime _writes = new();

    private string ModelId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _totals = await AttributionTotalsLog.RestoreAsync(ModelId, artifacts, state.State, options.Value.RecordedIdPeriod,
            options.Value.MaxTotalsDeltas, cancellationToken);
    }

    public async Task<AttributionResult> AttributeAsync(double[] features, int? label, int topK)
    {
        var loaded = await IndexAsync();
        if (loaded.Batcher is null)
            throw OpenLedgerException.Validation("attribution.representation_required", $"Model '{ModelId}' is external: each inference must supply the query representation.");
        Guard.Valid(ContributionValidator.ValidateQuery(loaded.Model.Dimension, features));
        if (label is { } l) Guard.Valid(ContributionValidator.ValidateLabel(new FeatureSchema(loaded.Model.Dimension, loaded.Model.ClassCount), l));
        if (topK < 1 || topK > MaxTopK) throw OpenLedgerException.Validation("attribution.top_k", $"top-k must be between 1 and {MaxTopK}.");

        using var activity = OpenLedgerTelemetry.ActivitySource.StartActivity("attribution.attribute");
        var started = Stopwatch.GetTimestamp();
        var attribution = await loaded.Batcher.AttributeAsync(features, label, topK);
        OpenLedgerTelemetry.RecordAttribution(Stopwatch.GetElapsedTime(started), loaded.Batcher.Scanner.RowCount);

        var positiveTotal = attribution.TopInfluences.Sum(r => r.Score);
        var influences = attribution.TopInfluences
            .Select(r => loaded.Entry(r, positiveTotal))
            .ToList();
        return new AttributionResult(attribution.PredictedClass, attribution.Probabilities, attribution.LossLabel, attribution.QueryLoss, ExactInfluenceMethod, influences);
    }

    public async Task<AttributionResult> AttributeRepresentationAsync(float[] representation, int label, int topK)
    {
        var loaded = await IndexAsync();
        if (loaded.Similarity is not { } similarity)
            throw OpenLedgerException.Validation("attribution.features_required", $"Model '{ModelId}' is built-in: inferences supply features, not a representation.");
        if (representation is null || representation.Length != similarity.EmbeddingSize)
            throw OpenLedgerException.Validation("query.representation_size", $"The query representation must hold {similarity.EmbeddingSize} values.");
        if (Array.FindIndex(representation, v => !float.IsFinite(v)) is var bad and >= 0)
            throw OpenLedgerException.Validation("query.representation_not_finite", $"Representation value {bad} is not a finite number.");
        Guard.Valid(ContributionValidator.ValidateLabel(new FeatureSchema(loaded.Model.Dimension, loaded.Model.ClassCount), label));
        if (topK < 1 || topK > MaxTopK) throw OpenLedgerException.Validation("attribution.top_k", $"top-k must be between 1 and {MaxTopK}.");

        using var activity = OpenLedgerTelemetry.ActivitySource.StartActivity("attribution.attribute_representation");
        var started = Stopwatch.GetTimestamp();
        var top = await Task.Run(() =>
        {
            var scores = new double[similarity.RowCount];
            similarity.ScoreEmbedding(representation, label, scores);
            var selector = new TopKSelector(topK);
            for (var i = 0; i < scores.Length; i++) selector.Offer(i, scores[i]);
            return selector.ToSortedList();
        });
        OpenLedgerTelemetry.RecordAttribution(Stopwatch.GetElapsedTime(started), similarity.RowCount);
        var positiveTotal = top.Sum(r => r.Score);
        // The model's answer is the class it reported; it supplies no probabilities and no loss.
        return new AttributionResult(label, [], label, 0, RepresentationSimilarityMethod, top.Select(r => loaded.Entry(r, positiveTotal)).ToList());
    }

    /// <summary>
    /// Adds an inference's influences to the totals, once per inference id, and returns when that is durable. Only what the
    /// inference grain stored for this model counts: the influences given must be exactly its receipt's, so nobody can
    /// inflate totals; the id is filed under its receipt's completion time.
    /// </summary>
    public async Task RecordAsync(string inferenceId, IReadOnlyList<InfluenceEntry> influences)
    {
        Guard.Valid(AccountId.ValidateTransferId(inferenceId));
        if (influences is null || influences.Any(e => e is null))
            throw OpenLedgerException.Validation("attribution.influences", "The influences are required and may not hold null entries.");
        var stored = await GrainFactory.GetGrain<IInferenceGrain>(inferenceId).GetResultAsync();
        if (stored is null || stored.Receipt.ModelId != ModelId || !stored.Receipt.Influences.SequenceEqual(influences))
            throw OpenLedgerException.NotFound("attribution.inference_not_found", $"Model '{ModelId}' has no stored inference '{inferenceId}' with these influences.");
        if (_writeFailed) throw new InvalidOperationException($"The totals of model '{ModelId}' are reloading after a failed write; deliver again.");
        await _totals.RecordAsync(inferenceId, stored.CompletedAt, influences.Select(e => (e.RowId, e.Contributor, e.Score)));
        await FlushAsync(); // acknowledged only once durable (a repeat of a recorded id still waits for the write that holds it)
    }

    public Task<IReadOnlyList<ContributionTotal>> GetTopTotalsAsync(int count)
    {
        if (count < 1 || count > 1_000) throw OpenLedgerException.Validation("page.invalid", "Count must be between 1 and 1000.");
        IReadOnlyList<ContributionTotal> top = _totals.Top(count).Select(r => new ContributionTotal(r.RowId, r.Contributor, r.Total, r.Count)).ToList();
        return Task.FromResult(top);
    }

    public async Task<bool> PrepareIndexAsync()
    {
        var index = _index ??= LoadAsync();
        await Task.WhenAny(index, Task.Delay(PrepareWait));
        if (!index.IsCompleted) return false;
        await index; // a failed build throws (and the next call starts it again)
        return true;
    }

    /// <summary>Short enough that a call never nears the response timeout, however long the build.</summary>
    private static readonly TimeSpan PrepareWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The index, waiting at most <see cref="AttributionOptions.IndexWait"/> for a build in progress (the grain call
    /// would otherwise pass the response timeout): then <c>attribution.index_building</c>, and the build carries on.
    /// </summary>
    private async Task<LoadedAttributionIndex> IndexAsync()
    {
        var index = _index ??= LoadAsync();
        if (!index.IsCompleted) await Task.WhenAny(index, Task.Delay(options.Value.IndexWait));
        if (!index.IsCompleted)
            throw OpenLedgerException.NotReady("attribution.index_building", $"The attribution index of model '{ModelId}' is being built; retry in a few seconds.");
        return await index;
    }

    /// <summary>Writes what changed; one write at a time (callers during a write await it and then share the next one).</summary>
    private Task FlushAsync() => _writes.RunAsync(async () =>
    {
        if (_writeFailed) throw new InvalidOperationException($"The totals of model '{ModelId}' are reloading after a failed write; deliver again.");
        try
        {
            await _totals.FlushAsync(async next =>
            {
                state.State = next;
                await state.WriteStateAsync();
            });
        }
        catch (Exception e)
        {
            // The write's outcome is unknown (and the state's ETag may have moved): start again from storage. Callers were
            // not acknowledged, so their outboxes deliver again and the ids stored (or not) decide what counts.
            _writeFailed = true;
            logger.LogWarning(e, "Attribution totals of model {ModelId} were not written; reloading from storage", ModelId);
            this.DeactivateOnIdle();
            throw;
        }
    });

    private async Task<LoadedAttributionIndex> LoadAsync()
    {
        try
        {
            // The trained model even before it is ready: building this index is the training job's last stage.
            var model = await GrainFactory.GetGrain<IModelTrainingSink>(ModelId).GetTrainedAsync();
            var rows = VersionMatrix.Decode(await artifacts.GetAsync(model.Manifest.VersionArtifactKey));
            if (model.Kind == ModelKinds.ExternalEmbedding)
            {
                var external = ExternalModelArtifact.Decode(await artifacts.GetAsync(model.ArtifactKey));
                var position = new Dictionary<long, int>(rows.RowCount);
                for (var i = 0; i < rows.RowCount; i++) position[rows.RowIds[i]] = i;
                var order = external.RowIds.Select(id => position[id]).ToArray();
                var similarity = await Task.Run(() => new RepresentationSimilarityIndex(external.Embeddings, external.EmbeddingSize, order.Select(i => rows.Labels[i]).ToArray()));
                return new LoadedAttributionIndex(model, null, similarity, external.RowIds,
                    order.Select(i => rows.Contributors[i]).ToArray(), order.Select(i => rows.ContentHashes[i]).ToArray());
            }
            var parameters = ModelArtifact.Decode(await artifacts.GetAsync(model.ArtifactKey));
            var rowsPerShard = options.Value.RowsPerShard;
            IInfluenceScanner scanner;
            if (rows.RowCount <= rowsPerShard)
            {
                // The index holds the rows as float; the raw double matrix is not kept.
                scanner = await Task.Run(() => InfluenceIndex.Build(parameters, rows.ToDataset()));
            }
            else
            {
                // Only the Hessian's factor stays here; the rows go to shard grains (via the artifact store).
                var set = await Task.Run(() => InfluenceShardSet.Build(parameters, rows.ToDataset(), rowsPerShard));
                var sharded = await ShardedAttributionIndex.DeployAsync(set, artifacts, GrainFactory);
                logger.LogInformation("Attribution index of model {ModelId}: {Rows} rows in {Shards} shards on {Silos} silos",
                    ModelId, rows.RowCount, sharded.Shards.Count, sharded.Shards.Select(s => s.Silo).Distinct().Count());
                scanner = sharded.Index;
            }
            return new LoadedAttributionIndex(model, new QueryBatcher(scanner, options.Value.MaxScanBatch), null, rows.RowIds, rows.Contributors, rows.ContentHashes);
        }
        catch
        {
            _index = null; // let the next call try again rather than caching the failure
            throw;
        }
    }
}
