using System.Diagnostics;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Training;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>
/// A model made the way the demo makes one, through the grains: the Datanet is created, contributors submit the rows
/// (at most <see cref="ContributionValidator.MaxRowsPerSubmission"/> per submission, one submission per contributor so
/// the daily row quota holds), the curator approves them, a version is published, and the training job trains the model
/// and builds its attribution index. The trained parameters are read back from the artifact store for the
/// prediction-only baseline.
/// </summary>
internal sealed record BenchmarkModel(
    string ModelId,
    long FeePerInference,
    int TrainingRows,
    IReadOnlyList<string> Recipients,
    LogisticRegressionModel Parameters,
    double TrainingAccuracy,
    TimeSpan DatanetTime,
    TimeSpan TrainingTime)
{
    public const string Owner = "model-studio";
    public const string Curator = "curator-bench";
    public const long Fee = 1_000; // micro-units

    public static async Task<BenchmarkModel> CreateAsync(BenchmarkCluster cluster, BenchmarkDatanet source, Action<string> progress)
    {
        var grains = cluster.Client;
        var datanetId = $"bench-{source.Model}";
        var modelId = $"bench-{source.Model}-lr";
        var watch = Stopwatch.StartNew();
        var datanet = grains.GetGrain<IDatanetGrain>(datanetId);
        await datanet.CreateAsync(Curator, source.Metadata);

        var data = source.Training;
        var perContributor = ContributionValidator.MaxRowsPerSubmission;
        var contributorCount = Math.Max(12, (data.RowCount + perContributor - 1) / perContributor);
        var contributors = Enumerable.Range(1, contributorCount).Select(c => $"contributor-{c:D3}").ToList();
        var rowIds = new List<long>(data.RowCount);
        for (var c = 0; c < contributorCount; c++)
        {
            var mine = Enumerable.Range(0, data.RowCount).Where(i => i % contributorCount == c)
                .Select(i => new ContributionRow(data.Row(i).ToArray(), data.Labels[i])).ToList();
            var receipt = await datanet.SubmitAsync($"{contributors[c]}-rows", contributors[c], mine);
            rowIds.AddRange(receipt.Rows.Select(r => r.RowId));
            if ((c + 1) % 5 == 0 || c + 1 == contributorCount) progress($"{source.Model}: {c + 1}/{contributorCount} contributors submitted ({rowIds.Count:N0} rows, {watch.Elapsed.TotalSeconds:F0} s)");
        }
        foreach (var chunk in rowIds.Chunk(perContributor)) await datanet.ReviewAsync(Curator, chunk, approve: true);
        var version = await datanet.PublishVersionAsync(Curator);
        var datanetTime = watch.Elapsed;
        progress($"{source.Model}: published v{version.Version} with {version.RowCount:N0} rows in {datanetTime.TotalSeconds:F1} s; training job");

        watch.Restart();
        var model = await grains.GetGrain<IModelGrain>(modelId).TrainAndWaitAsync(new TrainModelRequest(Owner, datanetId, version.Version, Fee, 0.01));
        var trainingTime = watch.Elapsed;
        progress($"{source.Model}: trained in {trainingTime.TotalSeconds:F1} s ({model.Iterations} Newton steps, training accuracy {model.TrainingAccuracy:P1})");

        var parameters = ModelArtifact.Decode(await cluster.Artifacts.GetAsync(model.ArtifactKey));
        return new BenchmarkModel(modelId, Fee, version.RowCount, [.. contributors, Owner, Curator, AccountId.Protocol],
            parameters, model.TrainingAccuracy, datanetTime, trainingTime);
    }
}
