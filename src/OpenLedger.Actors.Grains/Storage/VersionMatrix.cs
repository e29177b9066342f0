using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// The exact rows of a published Datanet version, in row-id order: ids, contributors, content hashes,
/// labels and the feature matrix. Immutable; stored once in the artifact store under its content hash.
/// </summary>
public sealed record VersionMatrix(
    string DatanetId,
    int Version,
    int Dimension,
    int ClassCount,
    long[] RowIds,
    string[] Contributors,
    string[] ContentHashes,
    int[] Labels,
    double[] Features)
{
    private const string Magic = "OLVM";

    public int RowCount => RowIds.Length;

    public LabeledDataset ToDataset() => new(Features, Labels, Dimension, ClassCount);

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            writer.Write(DatanetId);
            writer.Write(Version);
            writer.Write(Dimension);
            writer.Write(ClassCount);
            writer.Write(RowIds.Length);
            foreach (var id in RowIds) writer.Write(id);
            ArtifactFormat.WriteStrings(writer, Contributors);
            ArtifactFormat.WriteStrings(writer, ContentHashes);
            ArtifactFormat.WriteInts(writer, Labels);
            ArtifactFormat.WriteDoubles(writer, Features);
        }
        return stream.ToArray();
    }

    public static VersionMatrix Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        var datanetId = reader.ReadString();
        var version = reader.ReadInt32();
        var dimension = reader.ReadInt32();
        var classCount = reader.ReadInt32();
        var rowIds = new long[reader.ReadInt32()];
        for (var i = 0; i < rowIds.Length; i++) rowIds[i] = reader.ReadInt64();
        return new VersionMatrix(datanetId, version, dimension, classCount, rowIds,
            ArtifactFormat.ReadStrings(reader), ArtifactFormat.ReadStrings(reader), ArtifactFormat.ReadInts(reader), ArtifactFormat.ReadDoubles(reader));
    }
}
