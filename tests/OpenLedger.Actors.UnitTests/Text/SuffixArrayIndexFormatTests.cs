using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

public sealed class SuffixArrayIndexFormatTests
{
    [Fact]
    public void A_stored_index_reads_back_identical_and_takes_6_bytes_per_token()
    {
        var documents = BundledText.Indexed.Take(30).ToList();
        var index = SuffixArrayIndex.Build(documents);
        var (bytes, hash) = SuffixArrayIndexFormat.ToBytes(index);
        Assert.Equal(SuffixArrayIndexFormat.StoredBytes(index), bytes.Length);
        Assert.True(bytes.Length / (double)index.Stream.Length < 6.05, $"{bytes.Length / (double)index.Stream.Length:F3} bytes per token");

        var read = SuffixArrayIndexFormat.Read(new MemoryStream(bytes), hash);
        Assert.True(read.Stream.SequenceEqual(index.Stream));
        Assert.True(read.SuffixArray.SequenceEqual(index.SuffixArray));
        Assert.True(read.RowIds.SequenceEqual(index.RowIds));
        Assert.True(read.UnigramCounts.SequenceEqual(index.UnigramCounts));
        Assert.Equal(hash, SuffixArrayIndexFormat.ToBytes(read).ContentHash); // content-addressed: same bytes, same name
        Assert.Equal(hash, SuffixArrayIndexFormat.ToBytes(SuffixArrayIndex.Build(documents)).ContentHash); // deterministic build

        var output = Gpt2TextTokenizer.Shared.Tokenize(Gpt2TextTokenizer.Shared.Decode(documents.MaxBy(d => d.Tokens.Length)!.Tokens.AsSpan(10, 80)));
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(SpanTracer.Trace([index], output)),
            System.Text.Json.JsonSerializer.Serialize(SpanTracer.Trace([read], output)));
    }

    [Fact]
    public void Tampered_truncated_or_foreign_bytes_are_refused()
    {
        var index = SuffixArrayIndex.Build([new IndexedDocument(5, [1, 2, 3, 1, 2]), new IndexedDocument(9, [2, 3])]);
        var (bytes, hash) = SuffixArrayIndexFormat.ToBytes(index);

        var flipped = (byte[])bytes.Clone();
        flipped[20] ^= 1;
        Assert.Contains("hashes to", Assert.Throws<InvalidDataException>(() => SuffixArrayIndexFormat.Read(new MemoryStream(flipped), hash)).Message);

        Assert.Throws<InvalidDataException>(() => SuffixArrayIndexFormat.Read(new MemoryStream(bytes[..^3])));
        Assert.Throws<InvalidDataException>(() => SuffixArrayIndexFormat.Read(new NonSeekable(bytes[..^3])));
        Assert.Throws<InvalidDataException>(() => SuffixArrayIndexFormat.Read(new NonSeekable([.. bytes, 0])));
        var foreign = (byte[])bytes.Clone();
        foreign[0] = (byte)'X';
        Assert.Throws<InvalidDataException>(() => SuffixArrayIndexFormat.Read(new MemoryStream(foreign)));

        // Well-formed header and hash, broken content: a suffix array that is not a permutation, a separator moved.
        var duplicated = (byte[])bytes.Clone();
        var suffixArrayAt = 16 + index.Stream.Length * 2;
        Array.Copy(duplicated, suffixArrayAt, duplicated, suffixArrayAt + 4, 4);
        Assert.Contains("permutation", Assert.Throws<InvalidDataException>(() => SuffixArrayIndexFormat.Read(new MemoryStream(duplicated))).Message);
        var moved = (byte[])bytes.Clone();
        (moved[16 + 10], moved[16 + 12]) = (moved[16 + 12], moved[16 + 10]); // swaps the first separator with the token after it
        Assert.Throws<InvalidDataException>(() => SuffixArrayIndexFormat.Read(new MemoryStream(moved)));
    }

    /// <summary>A stream that cannot seek, so the reader cannot check the length up front.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
