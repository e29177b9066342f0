namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// The stored form of an <see cref="EmbeddingSimilarityIndex"/> (a hybrid RAG model's dense retrieval artifact,
/// content-addressed by the store). Little-endian and deterministic for one index:
/// <code>
/// "OLEMBv01"                        8 bytes, magic and version
/// embedder name                     length-prefixed UTF-8 (BinaryWriter)
/// dimension, passage characters,    3 × int32
///   passages per document
/// documents d                       int32
/// row ids                           d × int64
/// passage starts                    (d + 1) × int32 (0, ascending, the last is the passage count P)
/// vectors                           P × dimension × float32, as the embedder returned them
/// </code>
/// 4 bytes per dimension per passage: MiniLM's 384 dimensions take 1,536 bytes a passage. Reading checks the structure
/// and that the index was embedded by the embedder given (same name and dimension): vectors of another model mean nothing.
/// </summary>
public static class EmbeddingIndexFormat
{
    private static readonly byte[] Magic = "OLEMBv01"u8.ToArray();

    public static byte[] ToBytes(EmbeddingSimilarityIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(index.Embedder.Name);
            writer.Write(index.Embedder.Dimension);
            writer.Write(index.Passages.MaxCharacters);
            writer.Write(index.Passages.PerDocument);
            writer.Write(index.DocumentCount);
            foreach (var row in index.RowIds) writer.Write(row);
            foreach (var start in index.PassageStarts) writer.Write(start);
            foreach (var value in index.Vectors) writer.Write(value);
        }
        return stream.ToArray();
    }

    public static EmbeddingSimilarityIndex Read(byte[] bytes, ITextEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(embedder);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("Not an embedding index (OLEMBv01).");
        var name = reader.ReadString();
        var dimension = reader.ReadInt32();
        if (name != embedder.Name || dimension != embedder.Dimension)
            throw new InvalidDataException($"The embedding index was made by '{name}' ({dimension} dimensions), not by '{embedder.Name}' ({embedder.Dimension}).");
        var passages = new PassageOptions(reader.ReadInt32(), reader.ReadInt32());
        try
        {
            passages.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"An embedding index's passage settings are out of range: {e.Message}");
        }
        var documents = reader.ReadInt32();
        if (documents < 0 || documents > bytes.Length / 8) throw new InvalidDataException($"An embedding index's document count ({documents}) is out of range.");
        var rowIds = new long[documents];
        for (var d = 0; d < documents; d++) rowIds[d] = reader.ReadInt64();
        if (rowIds.Distinct().Count() != documents) throw new InvalidDataException("An embedding index lists a row twice.");
        var starts = new int[documents + 1];
        for (var d = 0; d <= documents; d++)
        {
            starts[d] = reader.ReadInt32();
            var previous = d == 0 ? 0 : starts[d - 1];
            var most = d == 0 ? 0 : previous + passages.PerDocument;
            if (starts[d] < previous || starts[d] > most || (d > 0 && starts[d] == previous))
                throw new InvalidDataException($"An embedding index's passage starts are out of order at document {d}.");
        }
        var values = (long)starts[^1] * dimension;
        if (values * 4 != bytes.Length - reader.BaseStream.Position) throw new InvalidDataException("An embedding index's vectors do not fill it exactly.");
        var vectors = new float[values];
        for (long i = 0; i < values; i++)
        {
            vectors[i] = reader.ReadSingle();
            if (!float.IsFinite(vectors[i])) throw new InvalidDataException("An embedding index holds a value that is not finite.");
        }
        return new EmbeddingSimilarityIndex(embedder, passages, rowIds, starts, vectors);
    }
}
