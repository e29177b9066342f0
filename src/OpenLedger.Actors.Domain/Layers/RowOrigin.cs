namespace OpenLedger.Actors.Domain.Layers;

/// <summary>Where one training row of a layered model comes from: its layer (index in the manifest and Datanet
/// version), its row id there, its contributor and the weight it carries.</summary>
public readonly record struct RowOrigin(int Layer, LayerId LayerId, long RowId, string Contributor, double Weight);
