using OpenLedger.Actors.Domain.Attribution;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>A model's influence totals snapshot (rows and recorded inference ids) as stored in the artifact store.</summary>
public static class AttributionTotalsArtifact
{
    private const string Magic = "OLAT";

    public static byte[] Encode(IReadOnlyList<RowTotal> rows, IReadOnlyList<string> inferences)
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            writer.Write(rows.Count);
            foreach (var row in rows)
            {
                writer.Write(row.RowId);
                writer.Write(row.Contributor);
                writer.Write(row.Total);
                writer.Write(row.Count);
            }
            writer.Write(inferences.Count);
            foreach (var id in inferences) writer.Write(id);
        }
        return stream.ToArray();
    }

    public static (List<RowTotal> Rows, List<string> Inferences) Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        var rows = new List<RowTotal>(reader.ReadInt32());
        for (var i = rows.Capacity; i > 0; i--) rows.Add(new RowTotal(reader.ReadInt64(), reader.ReadString(), reader.ReadDouble(), reader.ReadInt32()));
        var inferences = new List<string>(reader.ReadInt32());
        for (var i = inferences.Capacity; i > 0; i--) inferences.Add(reader.ReadString());
        return (rows, inferences);
    }
}
