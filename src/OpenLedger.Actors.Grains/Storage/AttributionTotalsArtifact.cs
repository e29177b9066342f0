using OpenLedger.Actors.Domain.Attribution;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// A page of a model's influence totals as stored in the artifact store: a compacted base (every row) or a delta (the
/// rows changed by one flush, with their new values). Each page names its owner (the model) and write sequence, so its
/// content-addressed key is its own and it can be deleted once superseded.
/// </summary>
public static class AttributionTotalsArtifact
{
    private const string Magic = "OLAT";

    public static byte[] Encode(string owner, long sequence, IReadOnlyList<RowTotal> rows)
    {
        using var stream = new MemoryStream(64 + rows.Count * 40);
        using (var writer = ArtifactFormat.Begin(stream, Magic, 2))
        {
            writer.Write(owner);
            writer.Write(sequence);
            writer.Write(rows.Count);
            foreach (var row in rows)
            {
                writer.Write(row.RowId);
                writer.Write(row.Contributor);
                writer.Write(row.Total);
                writer.Write(row.Count);
            }
        }
        return stream.ToArray();
    }

    public static List<RowTotal> Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 2);
        reader.ReadString();
        reader.ReadInt64();
        var rows = new List<RowTotal>(reader.ReadInt32());
        for (var i = rows.Capacity; i > 0; i--) rows.Add(new RowTotal(reader.ReadInt64(), reader.ReadString(), reader.ReadDouble(), reader.ReadInt32()));
        return rows;
    }
}
