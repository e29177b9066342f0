namespace OpenLedger.Actors.Domain.Validation;

/// <summary>The shape of a Datanet's rows: feature count and number of classes (labels are 0..ClassCount-1).</summary>
public sealed record FeatureSchema(int Dimension, int ClassCount)
{
    public const int MaxDimension = 65_536;
    public const int MaxClassCount = 1_000;
}
