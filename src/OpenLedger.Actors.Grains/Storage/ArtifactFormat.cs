using System.Runtime.InteropServices;
using System.Text;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// The small binary framing every artifact shares: a 4-byte magic, a format version, then fields written
/// with <see cref="BinaryWriter"/> (little-endian). Arrays are length-prefixed; doubles are raw IEEE-754.
/// </summary>
internal static class ArtifactFormat
{
    public static BinaryWriter Begin(MemoryStream stream, string magic, int version)
    {
        var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(magic));
        writer.Write(version);
        return writer;
    }

    public static BinaryReader Open(byte[] bytes, string magic, int version)
    {
        var reader = Open(bytes, magic, version, out var actualVersion);
        if (actualVersion != version) throw new InvalidDataException($"Unsupported '{magic}' format version {actualVersion}.");
        return reader;
    }

    /// <summary>Opens an artifact written in any format version from 1 to <paramref name="latest"/>, which it answers.</summary>
    public static BinaryReader Open(byte[] bytes, string magic, int latest, out int version)
    {
        var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        var actualMagic = Encoding.ASCII.GetString(reader.ReadBytes(4));
        if (actualMagic != magic) throw new InvalidDataException($"Expected a '{magic}' artifact, found '{actualMagic}'.");
        version = reader.ReadInt32();
        if (version < 1 || version > latest) throw new InvalidDataException($"Unsupported '{magic}' format version {version}.");
        return reader;
    }

    public static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static double[] ReadDoubles(BinaryReader reader)
    {
        var values = new double[reader.ReadInt32()];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new EndOfStreamException();
        return values;
    }

    /// <summary>Writes a length-prefixed array of raw little-endian values (float, Half, …) in one copy.</summary>
    public static void WriteValues<T>(BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static T[] ReadValues<T>(BinaryReader reader) where T : unmanaged
    {
        var values = new T[reader.ReadInt32()];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new EndOfStreamException();
        return values;
    }

    public static void WriteInts(BinaryWriter writer, IReadOnlyList<int> values)
    {
        writer.Write(values.Count);
        foreach (var v in values) writer.Write(v);
    }

    public static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = reader.ReadInt32();
        return values;
    }

    public static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var v in values) writer.Write(v);
    }

    public static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = reader.ReadString();
        return values;
    }
}
