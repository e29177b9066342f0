using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

/// <summary>The plain pieces of the RAG inference path: the stored BM25 index, the request rules and the masks' seed.</summary>
public sealed class RagInferencePathTests
{
    private static readonly RetrievalDocument[] Documents =
    [
        new(10, "The cat sat."),
        new(20, "the dog sat on the mat"),
        new(30, "Cats and dogs"),
        new(40, "Block devices queue requests; the scheduler orders them."),
    ];

    [Fact]
    public void A_stored_bm25_index_reads_back_to_the_same_scores_and_bytes()
    {
        var index = Bm25Index.Build(Documents, new Bm25Parameters(1.5, 0.6));
        var bytes = Bm25IndexFormat.ToBytes(index);
        var read = Bm25IndexFormat.Read(bytes);
        Assert.Equal(index.Parameters, read.Parameters);
        Assert.Equal(index.RowIds.ToArray(), read.RowIds.ToArray());
        foreach (var query in new[] { "the cat sat", "dogs", "scheduler requests queue", "nothing here" })
            Assert.Equal(index.Scores(query), read.Scores(query));
        Assert.Equal(bytes, Bm25IndexFormat.ToBytes(read)); // deterministic: the same index, the same artifact name
        Assert.Equal(bytes, Bm25IndexFormat.ToBytes(Bm25Index.Build(Documents, new Bm25Parameters(1.5, 0.6))));
    }

    [Fact]
    public void A_damaged_bm25_index_is_refused()
    {
        var bytes = Bm25IndexFormat.ToBytes(Bm25Index.Build(Documents));
        Assert.Throws<InvalidDataException>(() => Bm25IndexFormat.Read([.. bytes, 0]));
        Assert.ThrowsAny<Exception>(() => Bm25IndexFormat.Read(bytes[..^3]));
        var wrongMagic = bytes.ToArray();
        wrongMagic[0] ^= 1;
        Assert.Throws<InvalidDataException>(() => Bm25IndexFormat.Read(wrongMagic));
    }

    [Fact]
    public void Requests_are_checked_with_one_code_per_problem()
    {
        const string question = "How are requests ordered?", answer = "The scheduler orders them.";
        string? Code(string? q, string? a, long[]? rows = null, int? retrieve = null) => RagInferenceRules.Check(q, a, rows, retrieve).Problem?.Code;
        Assert.Null(Code(question, answer));
        Assert.Null(Code(question, answer, [1, 2, 3]));
        Assert.Null(Code(question, answer, retrieve: 16));
        Assert.Equal("inference.question_missing", Code(" ", answer));
        Assert.Equal("inference.question_too_large", Code(new string('q', RagInferenceRules.MaxQuestionBytes + 1), answer));
        Assert.Equal("inference.text_missing", Code(question, null));
        Assert.Equal("inference.answer_too_long", Code(question, string.Concat(Enumerable.Repeat(" x", RagInferenceRules.MaxAnswerTokens + 1))));
        Assert.Equal("inference.rows_empty", Code(question, answer, []));
        Assert.Equal("inference.rows_too_many", Code(question, answer, [.. Enumerable.Range(1, RagInferenceRules.MaxDocuments + 1).Select(i => (long)i)]));
        Assert.Equal("inference.rows_duplicate", Code(question, answer, [4, 5, 4]));
        Assert.Equal("inference.retrieve_unexpected", Code(question, answer, [4], 2));
        Assert.Equal("inference.retrieve_invalid", Code(question, answer, retrieve: 0));
        Assert.Equal("inference.retrieve_invalid", Code(question, answer, retrieve: RagInferenceRules.MaxDocuments + 1));
        Assert.Equal("The scheduler orders them.", RagInferenceRules.Check(question, "The scheduler orders them.\r\n", null, null).Answer!.TrimEnd());
    }

    [Fact]
    public void The_masks_seed_is_the_first_eight_bytes_of_the_inference_ids_hash()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("session|key-1"));
        Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(hash), ContextAttributionSeed.Of("session|key-1"));
        Assert.NotEqual(ContextAttributionSeed.Of("session|key-1"), ContextAttributionSeed.Of("session|key-2"));
    }
}
