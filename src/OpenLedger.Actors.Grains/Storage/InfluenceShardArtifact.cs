using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Attribution.Scan;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// One shard of a model's influence index as stored in the artifact store: its first (global) row and its rows
/// in the scan layout — standardised design values (float or half) and residuals, already blocked — so a
/// shard grain loads it with one read and two array copies, and never sees the rest of the Datanet version.
/// </summary>
public static class InfluenceShardArtifact
{
    private const string Magic = "OLIS";

    public static byte[] Encode(InfluenceShard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var matrix = shard.Matrix;
        using var stream = new MemoryStream(checked((int)Math.Min(int.MaxValue, matrix.Bytes + 64)));
        using (var writer = ArtifactFormat.Begin(stream, Magic, 1))
        {
            writer.Write(shard.FirstRow);
            writer.Write(matrix.Rows);
            writer.Write(matrix.Width);
            writer.Write(matrix.Classes);
            writer.Write((byte)matrix.Precision);
            if (matrix.Precision == ScanPrecision.Half) ArtifactFormat.WriteValues(writer, matrix.HalfDesignValues);
            else ArtifactFormat.WriteValues(writer, matrix.DesignValues);
            ArtifactFormat.WriteValues(writer, matrix.ResidualValues);
        }
        return stream.ToArray();
    }

    public static InfluenceShard Decode(byte[] bytes, int? maxDegreeOfParallelism = null)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 1);
        var firstRow = reader.ReadInt32();
        var rows = reader.ReadInt32();
        var width = reader.ReadInt32();
        var classes = reader.ReadInt32();
        var precision = (ScanPrecision)reader.ReadByte();
        if (!Enum.IsDefined(precision)) throw new InvalidDataException($"Unknown scan precision {precision}.");
        float[]? design = null;
        Half[]? halfDesign = null;
        if (precision == ScanPrecision.Half) halfDesign = ArtifactFormat.ReadValues<Half>(reader);
        else design = ArtifactFormat.ReadValues<float>(reader);
        var residuals = ArtifactFormat.ReadValues<float>(reader);
        var matrix = ScanMatrix.FromBlocked(design, halfDesign, residuals, rows, width, classes);
        return new InfluenceShard(firstRow, matrix) { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
    }
}
