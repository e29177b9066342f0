using System.Diagnostics;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Telemetry;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// Attribution for one model. On first use it loads the model and its version matrix and builds the
/// influence index (Hessian factorised once). Queries are read-only and run concurrently on the thread
/// pool (the grain is reentrant); the per-contribution totals are updated only on the grain's turn.
/// </summary>
[Reentrant]
public sealed class AttributionGrain(IArtifactStore artifacts) : Grain, IAttributionGrain
{
    public const string ExactInfluenceMethod = "influence-function/exact-hessian";
    public const int MaxTopK = 100;

    private readonly Dictionary<long, (string Contributor, double Total, int Count)> _totals = [];
    private readonly HashSet<string> _recordedInferences = new(StringComparer.Ordinal);
    private Task<LoadedAttributionIndex>? _index;

    private string ModelId => this.GetPrimaryKeyString();

    public async Task<AttributionResult> AttributeAsync(double[] features, int? label, int topK)
    {
        var loaded = await (_index ??= LoadAsync());
        Guard.Valid(ContributionValidator.ValidateQuery(loaded.Model.Dimension, features));
        if (label is { } l) Guard.Valid(ContributionValidator.ValidateLabel(new FeatureSchema(loaded.Model.Dimension, loaded.Model.ClassCount), l));
        if (topK < 1 || topK > MaxTopK) throw OpenLedgerException.Validation("attribution.top_k", $"top-k must be between 1 and {MaxTopK}.");

        using var activity = OpenLedgerTelemetry.ActivitySource.StartActivity("attribution.attribute");
        var started = Stopwatch.GetTimestamp();
        var attribution = await Task.Run(() => loaded.Index.Attribute(features, label, topK));
        OpenLedgerTelemetry.AttributionLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        OpenLedgerTelemetry.RowsScanned.Add(loaded.Index.RowCount);

        var positiveTotal = attribution.TopInfluences.Sum(r => r.Score);
        var influences = attribution.TopInfluences
            .Select(r => new InfluenceEntry(loaded.Rows.RowIds[r.RowIndex], loaded.Rows.Contributors[r.RowIndex], loaded.Rows.ContentHashes[r.RowIndex], r.Score, r.Score / positiveTotal))
            .ToList();
        return new AttributionResult(attribution.PredictedClass, attribution.Probabilities, attribution.LossLabel, attribution.QueryLoss, ExactInfluenceMethod, influences);
    }

    public Task RecordAsync(string inferenceId, IReadOnlyList<InfluenceEntry> influences)
    {
        if (!_recordedInferences.Add(inferenceId)) return Task.CompletedTask;
        foreach (var entry in influences)
        {
            var current = _totals.GetValueOrDefault(entry.RowId, (Contributor: entry.Contributor, Total: 0.0, Count: 0));
            _totals[entry.RowId] = (entry.Contributor, current.Total + entry.Score, current.Count + 1);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ContributionTotal>> GetTopTotalsAsync(int count)
    {
        if (count < 1 || count > 1_000) throw OpenLedgerException.Validation("page.invalid", "Count must be between 1 and 1000.");
        IReadOnlyList<ContributionTotal> top = _totals
            .OrderByDescending(pair => pair.Value.Total).ThenBy(pair => pair.Key).Take(count)
            .Select(pair => new ContributionTotal(pair.Key, pair.Value.Contributor, pair.Value.Total, pair.Value.Count))
            .ToList();
        return Task.FromResult(top);
    }

    private async Task<LoadedAttributionIndex> LoadAsync()
    {
        try
        {
            var model = await GrainFactory.GetGrain<IModelGrain>(ModelId).GetInfoAsync();
            var parameters = ModelArtifact.Decode(await artifacts.GetAsync(model.ArtifactKey));
            var rows = VersionMatrix.Decode(await artifacts.GetAsync(model.Manifest.VersionArtifactKey));
            var index = await Task.Run(() => InfluenceIndex.Build(parameters, rows.ToDataset()));
            // The index holds the standardised matrix; the raw copy is not needed any more.
            return new LoadedAttributionIndex(model, index, rows with { Features = [] });
        }
        catch
        {
            _index = null; // let the next call try again rather than caching the failure
            throw;
        }
    }
}
