namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>
/// What a Datanet's contributions are (<see cref="DatanetMetadata.Modality"/>). <see cref="Text"/> Datanets take
/// documents (<see cref="ITextDatanetGrain"/>) and have no feature schema (dimension and class count 0); every other
/// modality takes feature rows (<see cref="IDatanetGrain.SubmitAsync"/>).
/// </summary>
public static class DatanetModalities
{
    public const string Tabular = "tabular";
    public const string Text = "text";

    public static bool IsText(string? modality) => string.Equals(modality, Text, StringComparison.Ordinal);
}
