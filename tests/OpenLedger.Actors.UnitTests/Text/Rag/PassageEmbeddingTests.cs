using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

/// <summary>Dense retrieval over passages: the splitter, the best-passage score and the stored index.</summary>
public sealed class PassageEmbeddingTests
{
    [Fact]
    public void Passages_cover_the_collapsed_text_in_order_within_the_window()
    {
        var random = new Random(16_01);
        for (var trial = 0; trial < 200; trial++)
        {
            var words = Enumerable.Range(0, random.Next(0, 400)).Select(_ => new string('a', random.Next(1, random.Next(2) == 0 ? 12 : 90)));
            var text = string.Join(random.Next(2) == 0 ? " " : " \n\t ", words);
            var max = random.Next(20, 300);
            var passages = PassageSplitter.Split(text, max, PassageOptions.MaxPerDocument);
            var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.All(passages, p => Assert.True(p.Length <= max, $"a passage of {p.Length} > {max}"));
            if (passages.Count < PassageOptions.MaxPerDocument)
                Assert.Equal(collapsed.Replace(" ", ""), string.Concat(passages).Replace(" ", "")); // nothing lost, nothing repeated
            Assert.All(passages, p => Assert.False(p.StartsWith(' ') || p.EndsWith(' ')));
        }
    }

    [Fact]
    public void Passages_end_at_words_and_stop_at_the_cap()
    {
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i:D3}")); // 7 characters + a space each
        var passages = PassageSplitter.Split(text, 40, 3);
        Assert.Equal(["word000 word001 word002 word003 word004", "word005 word006 word007 word008 word009", "word010 word011 word012 word013 word014"], passages);
        Assert.Equal([""], PassageSplitter.Split("  \n ", 40, 3));
        Assert.Equal(["abcdefghij", "klm"], PassageSplitter.Split("abcdefghijklm", 10, 3)); // no word boundary: cut at the window
    }

    [Fact]
    public void A_document_scores_its_best_passage()
    {
        var filler = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"filler{i}"));
        var documents = new List<RetrievalDocument>
        {
            new(1, filler + " kernel scheduler runqueue preemption"), // the matching words sit past the first window
            new(2, "scheduler notes " + string.Join(' ', Enumerable.Range(0, 60).Select(i => $"other{i}"))),
        };
        var embedder = new HashingTextEmbedder();
        var firstWindow = EmbeddingSimilarityIndex.Build(embedder, documents.Select(d => d with { Text = d.Text[..200] }).ToList());
        var passages = EmbeddingSimilarityIndex.Build(embedder, documents, new PassageOptions(200, 8));
        const string query = "kernel scheduler runqueue preemption";
        Assert.Equal(2, firstWindow.Search(query, 2)[0].RowId);
        Assert.Equal(1, passages.Search(query, 2)[0].RowId);
        Assert.True(passages.PassageCount > documents.Count);
        Assert.True(passages.Scores(query)[0] > firstWindow.Scores(query)[1], "the passage holding the words scores above the other document's start");
    }

    [Fact]
    public void One_passage_per_document_embeds_the_whole_text_as_before()
    {
        var documents = BundledText.Documents.Take(12).Select((d, row) => new RetrievalDocument(row, d.Text)).ToList();
        var embedder = new HashingTextEmbedder();
        var index = EmbeddingSimilarityIndex.Build(embedder, documents);
        Assert.Equal(documents.Count, index.PassageCount);
        Assert.Equal(embedder.Embed([documents[5].Text])[0], index.Vectors.Slice(5 * embedder.Dimension, embedder.Dimension).ToArray());
    }

    [Fact]
    public void A_stored_embedding_index_reads_back_to_the_same_scores_and_bytes()
    {
        var documents = BundledText.Documents.Take(20).Select((d, row) => new RetrievalDocument(100 + row, d.Text)).ToList();
        var embedder = new HashingTextEmbedder();
        var index = EmbeddingSimilarityIndex.Build(embedder, documents, new PassageOptions(300, 4));
        var bytes = EmbeddingIndexFormat.ToBytes(index);
        var read = EmbeddingIndexFormat.Read(bytes, embedder);
        Assert.Equal(index.PassageCount, read.PassageCount);
        Assert.Equal(index.Passages, read.Passages);
        foreach (var query in new[] { "memory pages", "usb device", "power management suspend" })
            Assert.Equal(index.Scores(query), read.Scores(query));
        Assert.Equal(bytes, EmbeddingIndexFormat.ToBytes(read));
        Assert.Equal(bytes, EmbeddingIndexFormat.ToBytes(EmbeddingSimilarityIndex.Build(embedder, documents, new PassageOptions(300, 4))));
    }

    [Fact]
    public void A_damaged_or_foreign_embedding_index_is_refused()
    {
        var embedder = new HashingTextEmbedder();
        var bytes = EmbeddingIndexFormat.ToBytes(EmbeddingSimilarityIndex.Build(embedder, [new(1, "alpha beta"), new(2, "gamma delta")]));
        Assert.Throws<InvalidDataException>(() => EmbeddingIndexFormat.Read([.. bytes, 0], embedder));
        Assert.ThrowsAny<Exception>(() => EmbeddingIndexFormat.Read(bytes[..^3], embedder));
        Assert.Throws<InvalidDataException>(() => EmbeddingIndexFormat.Read(bytes, new HashingTextEmbedder(32))); // another model's vectors
        var nan = bytes.ToArray();
        BitConverter.GetBytes(float.NaN).CopyTo(nan, nan.Length - 4);
        Assert.Throws<InvalidDataException>(() => EmbeddingIndexFormat.Read(nan, embedder));
    }
}
