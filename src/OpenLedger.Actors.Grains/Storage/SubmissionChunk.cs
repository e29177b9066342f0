namespace OpenLedger.Actors.Grains.Storage;

/// <summary>The feature rows of one submission (row-major) and their labels, as stored in the artifact store.</summary>
public sealed record SubmissionChunk(int Dimension, double[] Features, int[] Labels)
{
    private const string Magic = "OLSC";

    public ReadOnlySpan<double> Row(int index) => Features.AsSpan(index * Dimension, Dimension);

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            writer.Write(Dimension);
            ArtifactFormat.WriteDoubles(writer, Features);
            ArtifactFormat.WriteInts(writer, Labels);
        }
        return stream.ToArray();
    }

    public static SubmissionChunk Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        return new SubmissionChunk(reader.ReadInt32(), ArtifactFormat.ReadDoubles(reader), ArtifactFormat.ReadInts(reader));
    }
}
