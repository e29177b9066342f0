using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>A RAG model's manifest: BM25-only models keep format 1 byte for byte; a hybrid model's names its embedding index.</summary>
public sealed class RetrievalIndexManifestTests
{
    [Fact]
    public void A_bm25_manifest_stays_format_1_and_a_hybrid_one_round_trips_as_format_2()
    {
        var bm25 = new RetrievalIndexManifest("docs", 3, "version-key", "bm25-key", 12_345, 67);
        var bytes = bm25.Encode();
        Assert.Equal(1, BitConverter.ToInt32(bytes, 4)); // after the 4-byte magic
        Assert.Equal(bm25, RetrievalIndexManifest.Decode(bytes));

        var hybrid = bm25 with { EmbeddingKey = "embedding-key" };
        var hybridBytes = hybrid.Encode();
        Assert.Equal(2, BitConverter.ToInt32(hybridBytes, 4));
        Assert.Equal(hybrid, RetrievalIndexManifest.Decode(hybridBytes));
        Assert.Equal(bytes[8..], hybridBytes[8..bytes.Length]); // the same fields first, the key appended

        var future = hybridBytes.ToArray();
        BitConverter.GetBytes(3).CopyTo(future, 4);
        Assert.Throws<InvalidDataException>(() => RetrievalIndexManifest.Decode(future));
    }
}
