namespace OpenLedger.Actors.Domain.Layers;

/// <summary>One layer of a model's training data: an exact, published Datanet version.</summary>
public readonly record struct LayerId(string DatanetId, int Version)
{
    public override string ToString() => $"{DatanetId}@v{Version}";
}
