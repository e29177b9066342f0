namespace OpenLedger.Actors.Grains.Storage;

/// <summary>A submission's duplicate rows and the earlier rows they repeat, as stored in the artifact store (content-addressed).</summary>
public sealed record DuplicateRows(long[] RowIds, long[] Originals)
{
    private const string Magic = "OLDR";

    public static DuplicateRows Of(IReadOnlyDictionary<long, long> duplicateOf)
    {
        var rows = duplicateOf.Keys.Order().ToArray();
        return new DuplicateRows(rows, rows.Select(r => duplicateOf[r]).ToArray());
    }

    public Dictionary<long, long> ToDictionary() => RowIds.Zip(Originals).ToDictionary(p => p.First, p => p.Second);

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            ArtifactFormat.WriteValues<long>(writer, RowIds);
            ArtifactFormat.WriteValues<long>(writer, Originals);
        }
        return stream.ToArray();
    }

    public static DuplicateRows Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        return new DuplicateRows(ArtifactFormat.ReadValues<long>(reader), ArtifactFormat.ReadValues<long>(reader));
    }
}
