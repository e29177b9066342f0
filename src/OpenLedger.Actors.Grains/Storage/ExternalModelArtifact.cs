using System.Runtime.InteropServices;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// An external model's training set as stored in the artifact store: the Datanet row ids it was trained on
/// (training order) and its embedding of each row (row-major float, <see cref="EmbeddingSize"/> per row).
/// </summary>
public sealed record ExternalModelArtifact(long[] RowIds, int EmbeddingSize, float[] Embeddings)
{
    private const string Magic = "OLEM";

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            writer.Write(RowIds.Length);
            foreach (var id in RowIds) writer.Write(id);
            writer.Write(EmbeddingSize);
            writer.Write(Embeddings.Length);
            writer.Write(MemoryMarshal.AsBytes(Embeddings.AsSpan()));
        }
        return stream.ToArray();
    }

    public static ExternalModelArtifact Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        var rowIds = new long[reader.ReadInt32()];
        for (var i = 0; i < rowIds.Length; i++) rowIds[i] = reader.ReadInt64();
        var size = reader.ReadInt32();
        var embeddings = new float[reader.ReadInt32()];
        var raw = MemoryMarshal.AsBytes(embeddings.AsSpan());
        if (reader.Read(raw) != raw.Length) throw new EndOfStreamException();
        return new ExternalModelArtifact(rowIds, size, embeddings);
    }
}
