namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// A RAG model's retrieval index as an artifact (the model's <see cref="Abstractions.Models.ModelInfo.ArtifactKey"/>):
/// the text version it retrieves from (its artifact key: documents' tokens, contributors, hashes) and the
/// content-addressed BM25 index of those documents (<see cref="Domain.Text.Rag.Bm25IndexFormat"/>), with the version's
/// token and document counts.
/// </summary>
public sealed record RetrievalIndexManifest(string DatanetId, int Version, string VersionArtifactKey, string Bm25Key, long TokenCount, int DocumentCount)
{
    private const string Magic = "OLRM";

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            writer.Write(DatanetId);
            writer.Write(Version);
            writer.Write(VersionArtifactKey);
            writer.Write(Bm25Key);
            writer.Write(TokenCount);
            writer.Write(DocumentCount);
        }
        return stream.ToArray();
    }

    public static RetrievalIndexManifest Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        return new RetrievalIndexManifest(reader.ReadString(), reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadInt64(), reader.ReadInt32());
    }
}
