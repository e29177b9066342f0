namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>Influence of one training row (by its 0-based index in the training set) on one query.</summary>
public readonly record struct RowInfluence(int RowIndex, double Score);
