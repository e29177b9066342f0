using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Layers;

/// <summary>
/// The training set of a layered manifest: the union of its Datanet versions' rows, layer after layer in manifest
/// order and by row id within a layer, each row knowing its layer, row id, contributor and weight. The trainer fits
/// the weighted objective (1/N)·Σ wᵢ·CE + (λ/2)·‖θ‖² over it, and the influence index scores every row under that
/// same objective (wᵢ times the unweighted influence), so a receipt's rows may come from any layer.
/// Memory: the union's feature matrix (8·D bytes per row) and about 28 bytes per row of origin; built per training job.
/// </summary>
public sealed class LayeredTrainingSet
{
    private readonly int[] _rowLayers;
    private readonly long[] _rowIds;
    private readonly string[] _contributors;

    private LayeredTrainingSet(LayeredManifest manifest, LabeledDataset rows, double[] weights, int[] rowLayers, long[] rowIds, string[] contributors, int[] layerRowCounts)
    {
        Manifest = manifest;
        Rows = rows;
        RowWeights = weights;
        _rowLayers = rowLayers;
        _rowIds = rowIds;
        _contributors = contributors;
        LayerRowCounts = layerRowCounts;
    }

    public LayeredManifest Manifest { get; }

    /// <summary>The union of the layers' rows, in training order.</summary>
    public LabeledDataset Rows { get; }

    /// <summary>Each row's weight: its layer's weight.</summary>
    public double[] RowWeights { get; }

    /// <summary>Rows per layer, in manifest order.</summary>
    public IReadOnlyList<int> LayerRowCounts { get; }

    public int RowCount => Rows.RowCount;
    public int LayerCount => Manifest.Count;

    /// <summary>The layer (index in the manifest) of a training row.</summary>
    public int LayerOf(int row) => _rowLayers[row];

    public RowOrigin Origin(int row)
    {
        var layer = _rowLayers[row];
        return new RowOrigin(layer, Manifest[layer].Id, _rowIds[row], _contributors[row], RowWeights[row]);
    }

    /// <summary>
    /// The union of <paramref name="layers"/> (one per manifest entry, any order) as the manifest orders and weighs them.
    /// Every layer must hold at least one row and share one schema (dimension and class count).
    /// </summary>
    public static LayeredTrainingSet Build(LayeredManifest manifest, IReadOnlyList<LayerRows> layers)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(layers);
        manifest.Validated();
        var byId = layers.ToDictionary(l => l.Id);
        if (byId.Count != manifest.Count || manifest.Layers.Any(l => !byId.ContainsKey(l.Id)))
            throw new ArgumentException("Pass exactly the rows of the manifest's Datanet versions.", nameof(layers));
        var ordered = manifest.Layers.Select(l => byId[l.Id]).ToArray();
        var first = ordered[0].Data;
        foreach (var layer in ordered)
        {
            if (layer.RowCount == 0) throw new ArgumentException($"Layer {layer.Id} holds no rows.", nameof(layers));
            if (layer.Data.Dimension != first.Dimension || layer.Data.ClassCount != first.ClassCount)
                throw new ArgumentException($"Layer {layer.Id} has {layer.Data.Dimension} features and {layer.Data.ClassCount} classes; " +
                    $"the first layer {first.Dimension} and {first.ClassCount}.", nameof(layers));
        }
        var rowCount = ordered.Sum(l => l.RowCount);
        var features = new double[(long)rowCount * first.Dimension];
        var labels = new int[rowCount];
        var weights = new double[rowCount];
        var rowLayers = new int[rowCount];
        var rowIds = new long[rowCount];
        var contributors = new string[rowCount];
        var at = 0;
        for (var layer = 0; layer < ordered.Length; layer++)
        {
            var rows = ordered[layer];
            rows.Data.Features.CopyTo(features, (long)at * first.Dimension);
            rows.Data.Labels.CopyTo(labels, at);
            rows.RowIds.CopyTo(rowIds, at);
            rows.Contributors.CopyTo(contributors, at);
            Array.Fill(weights, manifest[layer].Weight, at, rows.RowCount);
            Array.Fill(rowLayers, layer, at, rows.RowCount);
            at += rows.RowCount;
        }
        var union = new LabeledDataset(features, labels, first.Dimension, first.ClassCount, first.FeatureNames);
        return new LayeredTrainingSet(manifest, union, weights, rowLayers, rowIds, contributors, ordered.Select(l => l.RowCount).ToArray());
    }

    /// <summary>Trains the built-in model on the weighted union.</summary>
    public TrainingResult Train(TrainerOptions options) => LogisticRegressionTrainer.Train(Rows, options, RowWeights);

    /// <summary>The exact influence index of a model trained by <see cref="Train"/>, under the same weighted objective.</summary>
    public InfluenceIndex BuildIndex(LogisticRegressionModel model, int? maxDegreeOfParallelism = null) =>
        InfluenceIndex.Build(model, Rows, maxDegreeOfParallelism, rowWeights: RowWeights);
}
