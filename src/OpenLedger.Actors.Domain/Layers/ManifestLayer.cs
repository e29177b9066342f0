namespace OpenLedger.Actors.Domain.Layers;

/// <summary>
/// A Datanet version in a training manifest and the weight its rows carry in the training objective
/// (for example a base set at 1 and a reviewed domain set at 2).
/// </summary>
public sealed record ManifestLayer(string DatanetId, int Version, double Weight)
{
    public LayerId Id => new(DatanetId, Version);
}
