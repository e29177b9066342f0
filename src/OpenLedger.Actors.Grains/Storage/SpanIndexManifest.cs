namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// A language model's span index as an artifact (the model's <see cref="Abstractions.Models.ModelInfo.ArtifactKey"/>):
/// the text version it indexes (its artifact key) and the content-addressed shards
/// (<see cref="Domain.Text.SuffixArrayIndexFormat"/>) in document order, with their token and document counts.
/// </summary>
public sealed record SpanIndexManifest(string DatanetId, int Version, string VersionArtifactKey, string[] ShardKeys, long TokenCount, int DocumentCount)
{
    private const string Magic = "OLSM";

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            writer.Write(DatanetId);
            writer.Write(Version);
            writer.Write(VersionArtifactKey);
            ArtifactFormat.WriteStrings(writer, ShardKeys);
            writer.Write(TokenCount);
            writer.Write(DocumentCount);
        }
        return stream.ToArray();
    }

    public static SpanIndexManifest Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        return new SpanIndexManifest(reader.ReadString(), reader.ReadInt32(), reader.ReadString(), ArtifactFormat.ReadStrings(reader), reader.ReadInt64(), reader.ReadInt32());
    }
}
