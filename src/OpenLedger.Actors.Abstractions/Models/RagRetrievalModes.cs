namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>How a RAG model retrieves documents of its version when an inference lets it choose.</summary>
public static class RagRetrievalModes
{
    /// <summary>Okapi BM25 over words only (the default): no embedding at registration or per question.</summary>
    public const string Bm25 = "bm25";

    /// <summary>BM25 and sentence embeddings of the documents' passages (MiniLM), fused by reciprocal rank: the
    /// registration's job embeds every passage once; each question is embedded at inference.</summary>
    public const string Hybrid = "hybrid";

    public static bool IsKnown(string? mode) => mode is Bm25 or Hybrid;
}
