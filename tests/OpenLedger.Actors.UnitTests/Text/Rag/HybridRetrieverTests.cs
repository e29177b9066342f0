using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

public sealed class HybridRetrieverTests
{
    [Fact]
    public void Keyword_and_embedding_ranks_fuse_into_the_top_documents()
    {
        var documents = BundledText.Documents.Take(60).Select((d, row) => new RetrievalDocument(row, d.Text)).ToList();
        var embedder = new HashingTextEmbedder();
        var retriever = HybridRetriever.Build(documents, embedder, HybridRetrievalOptions.Default);
        Assert.Equal(60, embedder.Calls);

        // A question made of one document's rare words finds that document first in both rankings.
        var target = documents[17];
        var question = string.Join(' ', target.Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Skip(40).Take(25));
        var found = retriever.Retrieve(question, 6);
        Assert.Equal(6, found.Count);
        Assert.Equal(target.RowId, found[0].RowId);
        Assert.Equal(1, found[0].Bm25Rank);
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.FusedScore > p.Second.FusedScore || (p.First.FusedScore == p.Second.FusedScore && p.First.RowId < p.Second.RowId)));
        foreach (var document in found)
        {
            var expected = (document.Bm25Rank is { } k ? 1.0 / (60 + k) : 0) + (document.EmbeddingRank is { } e ? 1.0 / (60 + e) : 0);
            Assert.Equal(expected, document.FusedScore, 15);
        }
        // Deterministic: the same query gives the same list.
        Assert.Equal(found, retriever.Retrieve(question, 6));
        Assert.Equal(found.Take(3), retriever.Retrieve(question, 3));
    }

    [Fact]
    public void Embeddings_find_a_document_that_shares_no_ranked_keyword_position()
    {
        var documents = new List<RetrievalDocument> { new(1, "alpha beta gamma"), new(2, "delta epsilon"), new(3, "zeta eta theta") };
        var retriever = HybridRetriever.Build(documents, new HashingTextEmbedder(), new HybridRetrievalOptions(Bm25Parameters.Default, CandidatesPerRanking: 3));
        var found = retriever.Retrieve("delta epsilon", 3);
        Assert.Equal(2, found[0].RowId);
        Assert.Equal(1, found[0].EmbeddingRank);
        // Rows without keywords still come from the dense ranking, with no BM25 rank.
        Assert.Equal(3, found.Count);
        Assert.All(found.Skip(1), f => Assert.Null(f.Bm25Rank));
    }
}
