using OpenLedger.Actors.Domain.Layers;

namespace OpenLedger.Actors.Domain.Lineage;

/// <summary>
/// One version of a model family: its parent (null for the first), exactly what it was trained on, its λ, its held-out
/// measurement and the content-addressed key of its trained artifact. Immutable once registered.
/// <para>Size budget: the manifest ≤ 1.2 KB, five short strings and numbers ≈ 0.8 KB: ≤ 2 KB per version.</para>
/// </summary>
public sealed record ModelVersion(
    string Family,
    int Version,
    int? Parent,
    LayeredManifest Manifest,
    double Lambda,
    HeldOutEvaluation HeldOut,
    string ArtifactKey,
    DateTimeOffset TrainedAt);
