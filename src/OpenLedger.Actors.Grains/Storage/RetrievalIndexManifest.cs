namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// A RAG model's retrieval index as an artifact (the model's <see cref="Abstractions.Models.ModelInfo.ArtifactKey"/>):
/// the text version it retrieves from (its artifact key: documents' tokens, contributors, hashes) and the
/// content-addressed BM25 index of those documents (<see cref="Domain.Text.Rag.Bm25IndexFormat"/>), with the version's
/// token and document counts; a hybrid model's also names its dense index (<see cref="Domain.Text.Rag.EmbeddingIndexFormat"/>,
/// <see cref="EmbeddingKey"/>, format 2; a BM25-only manifest keeps format 1, byte for byte).
/// </summary>
public sealed record RetrievalIndexManifest(string DatanetId, int Version, string VersionArtifactKey, string Bm25Key, long TokenCount, int DocumentCount,
    string? EmbeddingKey = null)
{
    private const string Magic = "OLRM";

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, EmbeddingKey is null ? 1 : 2))
        {
            writer.Write(DatanetId);
            writer.Write(Version);
            writer.Write(VersionArtifactKey);
            writer.Write(Bm25Key);
            writer.Write(TokenCount);
            writer.Write(DocumentCount);
            if (EmbeddingKey is not null) writer.Write(EmbeddingKey);
        }
        return stream.ToArray();
    }

    public static RetrievalIndexManifest Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 2, out var format);
        return new RetrievalIndexManifest(reader.ReadString(), reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadInt64(), reader.ReadInt32(),
            format >= 2 ? reader.ReadString() : null);
    }
}
