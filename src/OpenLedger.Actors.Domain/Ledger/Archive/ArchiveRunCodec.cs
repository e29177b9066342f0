using System.Security.Cryptography;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;
using OpenLedger.Actors.Domain.Ledger.Journal;

namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// The format of archived runs (checkpoint format 2), in the journal's primitives (<see cref="JournalCodec"/>):
/// <code>
/// page    := version:u8(=2) section:u8 count:varint item*                    items in (hash, sequence, name) order
/// item    := hash:u64 sequence:varint name:str bodyLength:varint body
/// body    := fingerprint:32                                                 transfer ids (sequence 0)
///          | status:u8 resolvedBy:optstr pending                            ended pending transfers (sequence 0)
///          | batch:varint committedAt:time transferId:str reference:optstr code:str counterparty:str amount:i64
///            balanceAfter:i64                                               statement lines (name: the account; sequence: the line)
/// summary := version:u8(=2) section:u8 items:varint names:varint bloomWords:varint u64* pages:varint
///            (key:32 items:varint hash:u64 sequence:varint)*
/// </code>
/// A page is closed once it holds <see cref="MaxPageBytes"/> of items (so it is at most that plus one item). Every
/// artifact is named by the SHA-256 of its bytes.
/// </summary>
public static class ArchiveRunCodec
{
    public const byte FormatVersion = 2;

    /// <summary>A page is closed once it holds this many bytes of items: small, since a lookup reads a whole page for one item.</summary>
    public const int MaxPageBytes = 64 * 1024;

    public static string KeyOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static ArchiveItem ItemOf(TransferIdSnapshot id) => new(ArchiveHash.Of(id.Id), 0, id.Id, Convert.FromHexString(id.Fingerprint));

    public static ArchiveItem ItemOf(HoldSnapshot hold) => new(ArchiveHash.Of(hold.Transfer.Id), 0, hold.Transfer.Id, Body(writer =>
    {
        writer.Write((byte)hold.Status);
        JournalCodec.WriteOptional(writer, hold.ResolvedBy);
        JournalCodec.WriteEntry(writer, hold.Transfer);
    }));

    public static ArchiveItem ItemOf(AccountLine line) => new(ArchiveHash.Of(line.Account), line.Line.LineNumber, line.Account, Body(writer =>
    {
        var l = line.Line;
        writer.Write7BitEncodedInt64(l.BatchSequence);
        writer.Write(l.CommittedAt.UtcTicks);
        writer.Write(l.TransferId);
        JournalCodec.WriteOptional(writer, l.Reference);
        writer.Write(l.Code);
        writer.Write(l.Counterparty);
        writer.Write(l.Amount);
        writer.Write(l.BalanceAfter);
    }));

    public static string FingerprintOf(ArchiveItem item) =>
        item.Body.Length == JournalCodec.HashBytes ? Convert.ToHexStringLower(item.Body) : throw new InvalidDataException($"Transfer id {item.Name} has a fingerprint of {item.Body.Length} bytes.");

    public static HoldSnapshot HoldOf(ArchiveItem item) => Decoding(() =>
    {
        using var reader = Reader(item.Body);
        var status = (PendingStatus)reader.ReadByte();
        var resolvedBy = JournalCodec.ReadOptional(reader);
        if (JournalCodec.ReadEntry(reader) is not PendingTransfer transfer || transfer.Id != item.Name)
            throw new InvalidDataException($"Archived pending transfer {item.Name} holds another entry.");
        if (!Enum.IsDefined(status) || status == PendingStatus.Pending) throw new InvalidDataException($"Archived pending transfer {item.Name} is {status}.");
        End(reader, item);
        return new HoldSnapshot(transfer, status, resolvedBy);
    });

    public static StatementLine LineOf(ArchiveItem item) => Decoding(() =>
    {
        using var reader = Reader(item.Body);
        var line = new StatementLine(item.Sequence, reader.Read7BitEncodedInt64(), JournalCodec.ReadTime(reader), reader.ReadString(), JournalCodec.ReadOptional(reader),
            reader.ReadString(), reader.ReadString(), reader.ReadInt64(), reader.ReadInt64());
        End(reader, item);
        return line;
    });

    public static byte[] EncodePage(CheckpointSection section, IReadOnlyList<ArchiveItem> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, JournalCodec.StrictUtf8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write((byte)section);
            writer.Write7BitEncodedInt(items.Count);
            foreach (var item in items) WriteItem(writer, item);
        }
        return buffer.ToArray();
    }

    public static int SizeOf(ArchiveItem item) => 8 + 10 + 5 + JournalCodec.StrictUtf8.GetByteCount(item.Name) + 5 + item.Body.Length;

    /// <summary>Every item of a page, in order; anything malformed or out of order is an <see cref="InvalidDataException"/>.</summary>
    public static List<ArchiveItem> DecodePage(byte[] page, CheckpointSection section) => Decoding(() =>
    {
        var items = new List<ArchiveItem>();
        using var reader = PageReader(page, section, out var count);
        for (var i = 0; i < count; i++)
        {
            var item = new ArchiveItem(reader.ReadUInt64(), reader.Read7BitEncodedInt64(), reader.ReadString(), ReadBody(reader));
            if (items.Count > 0 && item.CompareTo(items[^1]) < 0) throw new InvalidDataException($"A {section} page is out of order at item {i}.");
            items.Add(item);
        }
        if (reader.BaseStream.Position != page.Length) throw new InvalidDataException("An archived page has bytes after its last item.");
        return items;
    });

    /// <summary>
    /// The items of a page named <paramref name="name"/> (hash <paramref name="hash"/>) with a sequence in
    /// [<paramref name="from"/>, <paramref name="to"/>], in order; other items are skipped without being decoded.
    /// </summary>
    public static void Find(byte[] page, CheckpointSection section, ulong hash, string name, long from, long to, List<ArchiveItem> found) => Decoding(() =>
    {
        using var reader = PageReader(page, section, out var count);
        var stream = reader.BaseStream;
        for (var i = 0; i < count; i++)
        {
            var itemHash = reader.ReadUInt64();
            var sequence = reader.Read7BitEncodedInt64();
            if (itemHash != hash || sequence < from || sequence > to)
            {
                Skip(reader);
                Skip(reader);
                if (itemHash > hash) break;
                continue;
            }
            var itemName = reader.ReadString();
            var body = ReadBody(reader);
            if (string.Equals(itemName, name, StringComparison.Ordinal)) found.Add(new ArchiveItem(itemHash, sequence, itemName, body));
        }
        return stream.Position;
    });

    public static byte[] EncodeSummary(ArchivedRun run)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, JournalCodec.StrictUtf8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write((byte)run.Section);
            writer.Write7BitEncodedInt64(run.Items);
            writer.Write7BitEncodedInt64(run.Names);
            writer.Write7BitEncodedInt(run.Bloom.Words.Length);
            foreach (var word in run.Bloom.Words) writer.Write(word);
            writer.Write7BitEncodedInt(run.PageCount);
            for (var i = 0; i < run.PageCount; i++)
            {
                writer.Write(run.PageKeyBytes(i));
                writer.Write7BitEncodedInt(run.PageItems(i));
                writer.Write(run.PageFence(i).Hash);
                writer.Write7BitEncodedInt64(run.PageFence(i).Sequence);
            }
        }
        return buffer.ToArray();
    }

    public static ArchivedRun DecodeSummary(byte[] bytes, CheckpointSection section) => Decoding(() =>
    {
        using var reader = Reader(bytes);
        if (reader.ReadByte() is var version && version != FormatVersion) throw new InvalidDataException($"Unknown archived run format {version}.");
        if ((CheckpointSection)reader.ReadByte() is var actual && actual != section) throw new InvalidDataException($"A run of {actual} is listed under {section}.");
        var items = reader.Read7BitEncodedInt64();
        var names = reader.Read7BitEncodedInt64();
        var wordCount = reader.Read7BitEncodedInt();
        if (wordCount < 1 || (long)wordCount * 8 > bytes.Length) throw new InvalidDataException($"A run claims {wordCount} Bloom words.");
        var words = new ulong[wordCount];
        for (var i = 0; i < wordCount; i++) words[i] = reader.ReadUInt64();
        var pageCount = reader.Read7BitEncodedInt();
        if (pageCount < 0 || (long)pageCount * 42 > bytes.Length) throw new InvalidDataException($"A run claims {pageCount} pages.");
        var pages = new List<(byte[], int, ArchiveFence)>(pageCount);
        for (var i = 0; i < pageCount; i++)
        {
            var key = reader.ReadBytes(32);
            if (key.Length != 32) throw new EndOfStreamException();
            pages.Add((key, reader.Read7BitEncodedInt(), new ArchiveFence(reader.ReadUInt64(), reader.Read7BitEncodedInt64())));
        }
        if (reader.BaseStream.Position != bytes.Length) throw new InvalidDataException("A run summary has bytes after its last page.");
        return new ArchivedRun(section, items, names, new ArchiveBloomFilter(words), pages);
    });

    private static void WriteItem(BinaryWriter writer, ArchiveItem item)
    {
        writer.Write(item.Hash);
        writer.Write7BitEncodedInt64(item.Sequence);
        writer.Write(item.Name);
        writer.Write7BitEncodedInt(item.Body.Length);
        writer.Write(item.Body);
    }

    private static BinaryReader PageReader(byte[] page, CheckpointSection section, out int count)
    {
        var reader = Reader(page);
        if (reader.ReadByte() is var version && version != FormatVersion) throw new InvalidDataException($"Unknown archived page format {version}.");
        if ((CheckpointSection)reader.ReadByte() is var actual && actual != section) throw new InvalidDataException($"A page of {actual} is read as {section}.");
        count = reader.Read7BitEncodedInt();
        if (count < 0 || count > page.Length) throw new InvalidDataException($"An archived page claims {count} items in {page.Length} bytes.");
        return reader;
    }

    private static byte[] ReadBody(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position) throw new EndOfStreamException();
        return reader.ReadBytes(length);
    }

    private static void Skip(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position) throw new EndOfStreamException();
        reader.BaseStream.Position += length;
    }

    private static void End(BinaryReader reader, ArchiveItem item)
    {
        if (reader.BaseStream.Position != item.Body.Length) throw new InvalidDataException($"Archived item {item.Name} has bytes after its body.");
    }

    private static BinaryReader Reader(byte[] bytes) => new(new MemoryStream(bytes, writable: false), JournalCodec.StrictUtf8);

    private static byte[] Body(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, JournalCodec.StrictUtf8, leaveOpen: true)) write(writer);
        return buffer.ToArray();
    }

    private static T Decoding<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"An archived run does not decode: {e.Message}", e);
        }
    }
}
