using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// A text Datanet version as an artifact (what <see cref="Abstractions.Datanets.DatanetVersionInfo.ArtifactKey"/>
/// names for a text Datanet): the approved documents in row-id order — row id, contributor, content hash and GPT-2
/// tokens, and each document's label (<see cref="Unlabelled"/> for none) when any document has one (format 2; format 1
/// otherwise). The span index of a language model trained on the version is built from it, and a text classifier's
/// features (<see cref="Text.TextVersionEmbedding"/>).
/// </summary>
public sealed record TextVersionCorpus(string DatanetId, int Version, long[] RowIds, string[] Contributors, string[] Hashes, ushort[][] Tokens, int[]? Labels = null)
{
    /// <summary>The label of a document submitted without one.</summary>
    public const int Unlabelled = -1;

    private const string Magic = "OLTV";

    public int RowCount => RowIds.Length;

    public long TokenCount => Tokens.Sum(t => (long)t.Length);

    public IReadOnlyList<IndexedDocument> Documents() => RowIds.Select((row, i) => new IndexedDocument(row, Tokens[i])).ToList();

    /// <summary>Row → (contributor, content hash): what a receipt names for each document.</summary>
    public IReadOnlyDictionary<long, (string Contributor, string Hash)> RowTable()
    {
        var rows = new Dictionary<long, (string, string)>(RowCount);
        for (var i = 0; i < RowCount; i++) rows[RowIds[i]] = (Contributors[i], Hashes[i]);
        return rows;
    }

    /// <summary>The documents as retrieval reads them: their text (the normal form, decoded from its GPT-2 tokens).</summary>
    public IReadOnlyList<Domain.Text.Rag.RetrievalDocument> RetrievalDocuments() =>
        RowIds.Select((row, i) => new Domain.Text.Rag.RetrievalDocument(row, Gpt2TextTokenizer.Shared.Decode(Tokens[i]))).ToList();

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, Labels is null ? 1 : 2))
        {
            writer.Write(DatanetId);
            writer.Write(Version);
            ArtifactFormat.WriteValues<long>(writer, RowIds);
            ArtifactFormat.WriteStrings(writer, Contributors);
            ArtifactFormat.WriteStrings(writer, Hashes);
            writer.Write(Tokens.Length);
            foreach (var tokens in Tokens) ArtifactFormat.WriteValues<ushort>(writer, tokens);
            if (Labels is not null) ArtifactFormat.WriteInts(writer, Labels);
        }
        return stream.ToArray();
    }

    public static TextVersionCorpus Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 2, out var format);
        var datanetId = reader.ReadString();
        var version = reader.ReadInt32();
        var rowIds = ArtifactFormat.ReadValues<long>(reader);
        var contributors = ArtifactFormat.ReadStrings(reader);
        var hashes = ArtifactFormat.ReadStrings(reader);
        var tokens = new ushort[reader.ReadInt32()][];
        for (var i = 0; i < tokens.Length; i++) tokens[i] = ArtifactFormat.ReadValues<ushort>(reader);
        return new TextVersionCorpus(datanetId, version, rowIds, contributors, hashes, tokens, format >= 2 ? ArtifactFormat.ReadInts(reader) : null);
    }
}
