namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>Exactly what a model was trained on. The row ids (in training order) are in the version artifact.</summary>
[GenerateSerializer, Immutable, Alias("openledger.training-manifest")]
public sealed record TrainingManifest(
    [property: Id(0)] string DatanetId,
    [property: Id(1)] int DatanetVersion,
    [property: Id(2)] int RowCount,
    [property: Id(3)] string VersionArtifactKey);
