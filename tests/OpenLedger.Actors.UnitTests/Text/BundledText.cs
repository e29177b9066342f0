using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

/// <summary>The bundled linux-doc slice (data/text), normalised and tokenised once per test run.</summary>
internal static class BundledText
{
    private static readonly Lazy<IReadOnlyList<CorpusDocument>> Raw = new(() =>
        TextCorpusReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "text", "linux-doc-slice.jsonl")));

    private static readonly Lazy<IReadOnlyList<IndexedDocument>> Tokenized = new(() =>
        Raw.Value.Select((d, row) => new IndexedDocument(row, Gpt2TextTokenizer.Shared.Encode(TextDocument.Create(d.Text).Document!.Text))).ToList());

    public static IReadOnlyList<CorpusDocument> Documents => Raw.Value;

    /// <summary>Every document as tokens, row id = line index.</summary>
    public static IReadOnlyList<IndexedDocument> Indexed => Tokenized.Value;
}
