using System.Diagnostics;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Text;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The text classifier's feature path without a cluster: MiniLM embeddings are deterministic, 384 values of unit length,
/// the same for a document's matrix row and a query of the same text; a labelled text version becomes a
/// <see cref="VersionMatrix"/> that round-trips through its artifact bytes under one content key; labels round-trip
/// through the chunk and corpus formats, whose unlabelled bytes are unchanged (format 1).
/// </summary>
public sealed class TextEmbeddingFeatureTests(ITestOutputHelper output)
{
    private static readonly MiniLmTextEmbedder MiniLm = new();

    [Fact]
    public void The_same_text_gives_the_same_embedding_and_the_matrix_row_equals_the_query()
    {
        var texts = LabelledTextCorpus.Train.Take(8).Select(d => d.Text).ToArray();
        MiniLm.Embed(["warm up"]);
        var started = Stopwatch.GetTimestamp();
        var matrix = TextEmbeddingFeatures.Of(MiniLm, texts);
        var perDocument = Stopwatch.GetElapsedTime(started).TotalMilliseconds / texts.Length;
        output.WriteLine($"{MiniLm.Name}: {perDocument:F1} ms per document ({texts.Length} documents of ≤ {LabelledTextCorpus.MaxCharacters} characters)");

        Assert.Equal(texts.Length * 384, matrix.Length);
        Assert.Equal(matrix, TextEmbeddingFeatures.Of(MiniLm, texts)); // deterministic, bit for bit
        for (var i = 0; i < texts.Length; i++)
        {
            var row = matrix.AsSpan(i * 384, 384);
            Assert.Equal(row.ToArray(), TextEmbeddingFeatures.OfQuery(MiniLm, texts[i])); // a query of the same text: the same features
            var norm = Math.Sqrt(row.ToArray().Sum(v => v * v));
            Assert.InRange(norm, 0.999, 1.001); // mean-pooled and normalised
        }
        Assert.NotEqual(matrix.AsSpan(0, 384).ToArray(), matrix.AsSpan(384, 384).ToArray());
        // Related texts are closer than unrelated ones.
        var q = MiniLm.Embed(["Memory management: page tables and the page allocator", "Virtual memory pages are allocated by the kernel", "USB device drivers and the host controller"]);
        Assert.True(Dot(q[0], q[1]) > Dot(q[0], q[2]), "related texts should be nearer");
    }

    [Fact]
    public void Long_texts_are_cut_to_what_the_model_reads()
    {
        var longText = string.Join(' ', Enumerable.Repeat("=====", 2_000)); // punctuation: one word piece per character
        Assert.True(MiniLmTextEmbedder.Cut(longText).Length <= MiniLmTextEmbedder.MaxCharacters);
        Assert.Equal("a b c", MiniLmTextEmbedder.Cut(" a\n\n b\tc "));
        Assert.Equal(MiniLm.Embed([longText])[0], MiniLm.Embed([MiniLmTextEmbedder.Cut(longText)])[0]);
    }

    [Fact]
    public void A_labelled_text_version_becomes_a_matrix_that_round_trips_under_one_key()
    {
        var documents = LabelledTextCorpus.Train.Take(6).ToArray();
        var tokenizer = Gpt2TextTokenizer.Shared;
        var normalized = documents.Select(d => TextDocument.Create(d.Text).Document!).ToArray();
        var corpus = new TextVersionCorpus("dn", 3, [1, 2, 3, 5, 8, 13], ["a", "b", "a", "c", "b", "a"], normalized.Select(d => d.ContentHash).ToArray(),
            normalized.Select(d => tokenizer.Encode(d.Text)).ToArray(), documents.Select(d => d.Label).ToArray());
        var decodedCorpus = TextVersionCorpus.Decode(corpus.Encode());
        Assert.Equal(corpus.Labels, decodedCorpus.Labels);

        var embedder = new HashingTextEmbedder();
        var matrix = TextVersionEmbedding.Embed(decodedCorpus, TextVersionEmbedding.Labels(decodedCorpus), 4, embedder);
        Assert.Equal((6, embedder.Dimension, 4), (matrix.RowCount, matrix.Dimension, matrix.ClassCount));
        Assert.Equal(documents.Select(d => d.Label), matrix.Labels);
        // Each row is the embedding of the document's normalised text, recovered from its tokens.
        Assert.Equal(TextEmbeddingFeatures.OfQuery(embedder, normalized[4].Text), matrix.Features.AsSpan(4 * embedder.Dimension, embedder.Dimension).ToArray());

        var bytes = matrix.Encode();
        var decoded = VersionMatrix.Decode(bytes);
        Assert.Equal((matrix.DatanetId, matrix.Version, matrix.Dimension, matrix.ClassCount), (decoded.DatanetId, decoded.Version, decoded.Dimension, decoded.ClassCount));
        Assert.Equal(matrix.RowIds, decoded.RowIds);
        Assert.Equal(matrix.Contributors, decoded.Contributors);
        Assert.Equal(matrix.ContentHashes, decoded.ContentHashes);
        Assert.Equal(matrix.Labels, decoded.Labels);
        Assert.Equal(matrix.Features, decoded.Features);
        Assert.Equal(ArtifactKey.Of(bytes), ArtifactKey.Of(TextVersionEmbedding.Embed(decodedCorpus, decodedCorpus.Labels!, 4, embedder).Encode()));

        // A document without a label: no classifier.
        var partly = corpus with { Labels = [0, 1, TextVersionCorpus.Unlabelled, 2, 3, 0] };
        var refused = Assert.Throws<OpenLedger.Actors.Abstractions.Errors.OpenLedgerException>(() => TextVersionEmbedding.Labels(partly));
        Assert.Equal("training.labels_missing", refused.ErrorCode);
        Assert.Equal("training.labels_missing", Assert.Throws<OpenLedger.Actors.Abstractions.Errors.OpenLedgerException>(() => TextVersionEmbedding.Labels(corpus with { Labels = null })).ErrorCode);
    }

    [Fact]
    public void Labels_round_trip_and_unlabelled_artifacts_keep_format_1()
    {
        var chunk = new TextSubmissionChunk(["a text"], ["hash"], [[1, 2]]);
        Assert.Equal(1, BitConverter.ToInt32(chunk.Encode(), 4));
        Assert.Null(TextSubmissionChunk.Decode(chunk.Encode()).Labels);
        var labelled = chunk with { Labels = [3] };
        Assert.Equal(2, BitConverter.ToInt32(labelled.Encode(), 4));
        Assert.Equal([3], TextSubmissionChunk.Decode(labelled.Encode()).Labels!);
        var corpus = new TextVersionCorpus("dn", 1, [1], ["a"], ["hash"], [[1, 2]]);
        Assert.Equal(1, BitConverter.ToInt32(corpus.Encode(), 4));
        Assert.Null(TextVersionCorpus.Decode(corpus.Encode()).Labels);

        Assert.Null(TextSubmissionRules.CheckLabels(0, 2, null));
        Assert.Null(TextSubmissionRules.CheckLabels(3, 2, [0, 2]));
        Assert.Equal("text.labels_unexpected", TextSubmissionRules.CheckLabels(0, 1, [0])!.Code);
        Assert.Equal("text.labels_count", TextSubmissionRules.CheckLabels(3, 2, [0])!.Code);
        Assert.Equal("row.label", TextSubmissionRules.CheckLabels(3, 2, [0, 3])!.Code);
        Assert.Equal("row.label", TextSubmissionRules.CheckLabels(3, 1, [-1])!.Code);
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
