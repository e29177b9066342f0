namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>A model's identity, fee, manifest and training figures. <see cref="Kind"/> is one of
/// <see cref="ModelKinds"/>; an external model has λ and the training figures 0, and its
/// <see cref="ArtifactKey"/> holds its training rows' embeddings.</summary>
[GenerateSerializer, Immutable, Alias("openledger.model-info")]
public sealed record ModelInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Owner,
    [property: Id(2)] long FeePerInference,
    [property: Id(3)] TrainingManifest Manifest,
    [property: Id(4)] double Lambda,
    [property: Id(5)] double TrainingLoss,
    [property: Id(6)] double TrainingAccuracy,
    [property: Id(7)] double GradientNorm,
    [property: Id(8)] int Iterations,
    [property: Id(9)] int Dimension,
    [property: Id(10)] int ClassCount,
    [property: Id(11)] string ArtifactKey,
    [property: Id(12)] IReadOnlyList<string> Curators,
    [property: Id(13)] DateTimeOffset TrainedAt,
    [property: Id(14)] string Kind = ModelKinds.BuiltIn,
    [property: Id(15)] int EmbeddingSize = 0);
