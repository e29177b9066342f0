namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// The stored form of a <see cref="Bm25Index"/> (a RAG model's retrieval artifact, content-addressed by the store).
/// Little-endian, deterministic for one index (terms in ascending hash order), so the same version always gives the same
/// artifact name:
/// <code>
/// "OLBM25v1"                  8 bytes, magic and version
/// k1, b                       2 × float64
/// documents d                 int32
/// row ids                     d × int64
/// lengths (words)             d × int32
/// terms t                     int32
/// per term: hash, postings p  uint64, int32, then p × (document index int32, count int32)
/// </code>
/// 12 bytes per document, 12 per distinct term and 8 per (term, document) pair. Reading checks the structure (sizes,
/// document indexes in range, positive counts, distinct rows and terms).
/// </summary>
public static class Bm25IndexFormat
{
    private static readonly byte[] Magic = "OLBM25v1"u8.ToArray();

    public static byte[] ToBytes(Bm25Index index)
    {
        ArgumentNullException.ThrowIfNull(index);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(index.Parameters.K1);
            writer.Write(index.Parameters.B);
            writer.Write(index.DocumentCount);
            foreach (var row in index.RowIds) writer.Write(row);
            foreach (var length in index.Lengths) writer.Write(length);
            writer.Write(index.Postings.Count);
            foreach (var term in index.Postings.Keys.Order())
            {
                var postings = index.Postings[term];
                writer.Write(term);
                writer.Write(postings.Length);
                foreach (var (document, count) in postings)
                {
                    writer.Write(document);
                    writer.Write(count);
                }
            }
        }
        return stream.ToArray();
    }

    public static Bm25Index Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("Not a BM25 index (OLBM25v1).");
        var parameters = new Bm25Parameters(reader.ReadDouble(), reader.ReadDouble());
        parameters.Validate();
        var documents = Count(reader, bytes.Length / 12);
        var rowIds = new long[documents];
        for (var d = 0; d < documents; d++) rowIds[d] = reader.ReadInt64();
        if (rowIds.Distinct().Count() != documents) throw new InvalidDataException("A BM25 index lists a row twice.");
        var lengths = new int[documents];
        for (var d = 0; d < documents; d++) lengths[d] = Count(reader, int.MaxValue);
        var terms = Count(reader, bytes.Length / 12);
        var postings = new Dictionary<ulong, (int, int)[]>(terms);
        for (var t = 0; t < terms; t++)
        {
            var term = reader.ReadUInt64();
            var list = new (int, int)[Count(reader, documents)];
            for (var p = 0; p < list.Length; p++)
            {
                var document = reader.ReadInt32();
                var count = reader.ReadInt32();
                if ((uint)document >= (uint)documents || count < 1) throw new InvalidDataException("A BM25 posting is out of range.");
                list[p] = (document, count);
            }
            if (!postings.TryAdd(term, list)) throw new InvalidDataException("A BM25 index lists a term twice.");
        }
        if (reader.BaseStream.Position != bytes.Length) throw new InvalidDataException("A BM25 index has trailing bytes.");
        return new Bm25Index(rowIds, lengths, postings, parameters);
    }

    private static int Count(BinaryReader reader, int max)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > max) throw new InvalidDataException($"A BM25 index count ({count}) is out of range.");
        return count;
    }
}
