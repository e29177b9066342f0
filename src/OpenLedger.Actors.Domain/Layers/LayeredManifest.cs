using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Layers;

/// <summary>
/// Exactly what a layered model is trained on: several Datanet versions, in training order, each with its row weight.
/// One version per Datanet (a newer version already holds the older one's approved rows), at most
/// <see cref="MaxLayers"/> layers, weights finite and in (0, <see cref="MaxWeight"/>].
/// <para>Size budget (part of a model version's state): ≤ 8 layers × (a Datanet id of ≤ 128 characters + 4 + 8 bytes)
/// ≈ 1.2 KB.</para>
/// </summary>
public sealed record LayeredManifest(IReadOnlyList<ManifestLayer> Layers)
{
    public const int MaxLayers = 8;
    public const double MaxWeight = 100;

    /// <summary>A manifest of one Datanet version at weight 1: what a model trained on one version has always meant.</summary>
    public static LayeredManifest Single(string datanetId, int version) => new([new ManifestLayer(datanetId, version, 1.0)]);

    public int Count => Layers.Count;

    public ManifestLayer this[int layer] => Layers[layer];

    /// <summary>Every rule the manifest breaks; empty when valid.</summary>
    public IReadOnlyList<ValidationProblem> Problems()
    {
        var problems = new List<ValidationProblem>();
        if (Layers is null || Layers.Count == 0) return [new("manifest.empty", "A training manifest names at least one Datanet version.")];
        if (Layers.Count > MaxLayers) problems.Add(new("manifest.too_many_layers", $"A training manifest names at most {MaxLayers} Datanet versions; got {Layers.Count}."));
        for (var i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            if (AccountId.ValidateIdentifier(layer.DatanetId, "Datanet id") is { } bad) problems.Add(bad with { Message = $"Layer {i}: {bad.Message}" });
            if (layer.Version < 1) problems.Add(new("manifest.version", $"Layer {i}: the version must be 1 or more; got {layer.Version}."));
            if (!double.IsFinite(layer.Weight) || layer.Weight <= 0 || layer.Weight > MaxWeight)
                problems.Add(new("manifest.weight", $"Layer {i}: the weight must be a finite number in (0, {MaxWeight}]; got {layer.Weight}."));
        }
        var repeated = Layers.GroupBy(l => l.DatanetId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            problems.Add(new("manifest.datanet_repeated", $"Datanet '{repeated.Key}' appears {repeated.Count()} times; name one version per Datanet."));
        return problems;
    }

    /// <summary>
    /// Whether an inference's split fits one transfer under the governed recipient cap: the four fixed parts, one curator
    /// pool per layer and the contributor pool (see <see cref="Economics.RecipientCap"/>). Null when it fits.
    /// </summary>
    public ValidationProblem? RecipientCapProblem(int maxRecipientsPerTransfer) =>
        4 + Count + 1 <= maxRecipientsPerTransfer
            ? null
            : new("manifest.too_many_layers_for_cap",
                $"{Count} layers need {4 + Count + 1} postings per fee transfer; the governed cap is {maxRecipientsPerTransfer}.");

    /// <summary>Throws <see cref="ArgumentException"/> with the first problem, else returns the manifest.</summary>
    public LayeredManifest Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException($"{problems[0].Code}: {problems[0].Message}");
    }
}
