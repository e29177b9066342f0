namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// The documents of one text submission as stored in the artifact store: each document's normalised text, its content
/// hash and its GPT-2 tokens (tokenised once, when submitted; a version concatenates them), and the documents' labels
/// when the submission gave them (format 2; a submission without labels keeps format 1, so its bytes and key are unchanged).
/// </summary>
public sealed record TextSubmissionChunk(string[] Texts, string[] Hashes, ushort[][] Tokens, int[]? Labels = null)
{
    private const string Magic = "OLTC";

    public int Count => Texts.Length;

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = ArtifactFormat.Begin(stream, Magic, Labels is null ? 1 : 2))
        {
            ArtifactFormat.WriteStrings(writer, Texts);
            ArtifactFormat.WriteStrings(writer, Hashes);
            writer.Write(Tokens.Length);
            foreach (var tokens in Tokens) ArtifactFormat.WriteValues<ushort>(writer, tokens);
            if (Labels is not null) ArtifactFormat.WriteInts(writer, Labels);
        }
        return stream.ToArray();
    }

    public static TextSubmissionChunk Decode(byte[] bytes)
    {
        using var reader = ArtifactFormat.Open(bytes, Magic, 2, out var format);
        var texts = ArtifactFormat.ReadStrings(reader);
        var hashes = ArtifactFormat.ReadStrings(reader);
        var tokens = new ushort[reader.ReadInt32()][];
        for (var i = 0; i < tokens.Length; i++) tokens[i] = ArtifactFormat.ReadValues<ushort>(reader);
        return new TextSubmissionChunk(texts, hashes, tokens, format >= 2 ? ArtifactFormat.ReadInts(reader) : null);
    }
}
