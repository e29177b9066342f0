namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>A document of a text Datanet version as retrieval sees it: its row id and its normalised text.</summary>
public sealed record RetrievalDocument(long RowId, string Text);

/// <summary>A document with its score in one ranking (higher is better).</summary>
public readonly record struct ScoredDocument(long RowId, double Score);
