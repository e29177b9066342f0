using System.Text;

namespace OpenLedger.Actors.Domain.Ledger.Journal;

/// <summary>
/// The journal record format (version 1): the exact bytes a batch is stored as, and hashed as. Documented so that
/// anyone holding the records can decode them and verify the chain without this code.
/// <code>
/// record   := version:u8(=1) sequence:varint committedAt:time previousHash:32 bytes count:varint entry*
/// entry    := 1 account  | 2 transfer | 3 pending | 4 post | 5 void | 6 expiry   (one tag byte, then:)
/// account  := id:str kind:u8 owner:optstr creditLimit:varint
/// transfer := id:str reference:optstr postings
/// pending  := id:str reference:optstr timeoutMs:varint expiresAt:time postings
/// post     := id:str pendingId:str reference:optstr postings          (no postings: post as reserved)
/// void     := id:str pendingId:str
/// expiry   := pendingId:str
/// postings := count:varint (debit:str credit:str amount:varint code:str)*
/// str      := byteLength:varint utf8      optstr := 0 | (byteLength + 1):varint utf8
/// varint   := unsigned LEB128 (7 bits a byte, low first; at most 10 bytes)
/// time     := i64le, UTC ticks (100 ns since 0001-01-01)
/// </code>
/// <see cref="SizeOf(LedgerEntry)"/> is exact, so a batch is closed by the size its record will have, computed as
/// writes join it, without encoding twice.
/// </summary>
public static class JournalCodec
{
    public const byte FormatVersion = 1;
    public const int HashBytes = 32;

    /// <summary>The largest record header: version, sequence, time, previous hash and entry count.</summary>
    public const int MaxHeaderBytes = 1 + 10 + 8 + HashBytes + 5;

    private const byte AccountTag = 1, TransferTag = 2, PendingTag = 3, PostTag = 4, VoidTag = 5, ExpiryTag = 6;

    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Encode(JournalBatch batch)
    {
        using var buffer = new MemoryStream(HeaderSize(batch.Sequence, batch.Entries.Count) + batch.Entries.Sum(SizeOf));
        using (var writer = new BinaryWriter(buffer, StrictUtf8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write7BitEncodedInt64(batch.Sequence);
            writer.Write(batch.CommittedAt.UtcTicks);
            writer.Write(Convert.FromHexString(batch.PreviousHash));
            writer.Write7BitEncodedInt(batch.Entries.Count);
            foreach (var entry in batch.Entries) WriteEntry(writer, entry);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes a record; anything malformed (truncated, unknown tag, bad UTF-8, trailing bytes) is an <see cref="InvalidDataException"/>.</summary>
    public static JournalBatch Decode(byte[] payload)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), StrictUtf8);
            var version = reader.ReadByte();
            if (version != FormatVersion) throw new InvalidDataException($"Unknown journal record format {version}.");
            var sequence = reader.Read7BitEncodedInt64();
            var committedAt = ReadTime(reader);
            var previousHash = Convert.ToHexStringLower(reader.ReadBytes(HashBytes));
            if (previousHash.Length != HashBytes * 2) throw new EndOfStreamException();
            var count = Count(reader, minimumBytesEach: 2);
            var entries = new List<LedgerEntry>(count);
            for (var i = 0; i < count; i++) entries.Add(ReadEntry(reader));
            if (reader.BaseStream.Position != payload.Length) throw new InvalidDataException("A journal record has bytes after its last entry.");
            return new JournalBatch(sequence, committedAt, previousHash, entries);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"A journal record does not decode: {e.Message}", e);
        }
    }

    public static int HeaderSize(long sequence, int entryCount) => 1 + VarintSize((ulong)sequence) + 8 + HashBytes + VarintSize((ulong)entryCount);

    /// <summary>The exact number of bytes <paramref name="entry"/> takes in a record.</summary>
    public static int SizeOf(LedgerEntry entry) => 1 + entry switch
    {
        LedgerAccount a => StringSize(a.Id) + 1 + OptionalStringSize(a.OwnerAddress) + VarintSize((ulong)a.CreditLimit),
        LedgerTransfer t => StringSize(t.Id) + OptionalStringSize(t.Reference) + PostingsSize(t.Postings),
        PendingTransfer p => StringSize(p.Id) + OptionalStringSize(p.Reference) + VarintSize((ulong)(long)p.Timeout.TotalMilliseconds) + 8 + PostingsSize(p.Postings),
        PostPendingTransfer x => StringSize(x.Id) + StringSize(x.PendingId) + OptionalStringSize(x.Reference) + PostingsSize(x.Postings),
        VoidPendingTransfer v => StringSize(v.Id) + StringSize(v.PendingId),
        PendingExpiry e => StringSize(e.PendingId),
        _ => throw new ArgumentException($"Unknown ledger entry {entry.GetType().Name}.", nameof(entry)),
    };

    /// <summary>Writes one entry in the record format (also used by checkpoints for pending transfers).</summary>
    internal static void WriteEntry(BinaryWriter writer, LedgerEntry entry)
    {
        switch (entry)
        {
            case LedgerAccount a:
                writer.Write(AccountTag);
                writer.Write(a.Id);
                writer.Write(checked((byte)a.Kind));
                WriteOptional(writer, a.OwnerAddress);
                writer.Write7BitEncodedInt64(a.CreditLimit);
                break;
            case LedgerTransfer t:
                writer.Write(TransferTag);
                writer.Write(t.Id);
                WriteOptional(writer, t.Reference);
                WritePostings(writer, t.Postings);
                break;
            case PendingTransfer p:
                writer.Write(PendingTag);
                writer.Write(p.Id);
                WriteOptional(writer, p.Reference);
                writer.Write7BitEncodedInt64((long)p.Timeout.TotalMilliseconds);
                writer.Write(p.ExpiresAt.UtcTicks);
                WritePostings(writer, p.Postings);
                break;
            case PostPendingTransfer x:
                writer.Write(PostTag);
                writer.Write(x.Id);
                writer.Write(x.PendingId);
                WriteOptional(writer, x.Reference);
                WritePostings(writer, x.Postings);
                break;
            case VoidPendingTransfer v:
                writer.Write(VoidTag);
                writer.Write(v.Id);
                writer.Write(v.PendingId);
                break;
            case PendingExpiry e:
                writer.Write(ExpiryTag);
                writer.Write(e.PendingId);
                break;
            default:
                throw new ArgumentException($"Unknown ledger entry {entry.GetType().Name}.", nameof(entry));
        }
    }

    internal static LedgerEntry ReadEntry(BinaryReader reader)
    {
        var tag = reader.ReadByte();
        switch (tag)
        {
            case AccountTag:
            {
                var id = reader.ReadString();
                var kind = (AccountKind)reader.ReadByte();
                var owner = ReadOptional(reader);
                return new LedgerAccount(id, kind, owner, reader.Read7BitEncodedInt64());
            }
            case TransferTag:
            {
                var id = reader.ReadString();
                var reference = ReadOptional(reader);
                return new LedgerTransfer(id, ReadPostings(reader), reference);
            }
            case PendingTag:
            {
                var id = reader.ReadString();
                var reference = ReadOptional(reader);
                var timeout = TimeSpan.FromMilliseconds(reader.Read7BitEncodedInt64());
                var expiresAt = ReadTime(reader);
                return new PendingTransfer(id, ReadPostings(reader), timeout, expiresAt, reference);
            }
            case PostTag:
            {
                var id = reader.ReadString();
                var pendingId = reader.ReadString();
                var reference = ReadOptional(reader);
                return new PostPendingTransfer(id, pendingId, ReadPostings(reader), reference);
            }
            case VoidTag:
            {
                var id = reader.ReadString();
                return new VoidPendingTransfer(id, reader.ReadString());
            }
            case ExpiryTag:
                return new PendingExpiry(reader.ReadString());
            default:
                throw new InvalidDataException($"Unknown journal entry tag {tag}.");
        }
    }

    private static void WritePostings(BinaryWriter writer, IReadOnlyList<LedgerPosting> postings)
    {
        writer.Write7BitEncodedInt(postings.Count);
        foreach (var p in postings)
        {
            writer.Write(p.DebitAccount);
            writer.Write(p.CreditAccount);
            writer.Write7BitEncodedInt64(p.Amount);
            writer.Write(p.Code);
        }
    }

    private static List<LedgerPosting> ReadPostings(BinaryReader reader)
    {
        var count = Count(reader, minimumBytesEach: 4);
        var postings = new List<LedgerPosting>(count);
        for (var i = 0; i < count; i++)
        {
            var debit = reader.ReadString();
            var credit = reader.ReadString();
            var amount = reader.Read7BitEncodedInt64();
            postings.Add(new LedgerPosting(debit, credit, amount, reader.ReadString()));
        }
        return postings;
    }

    /// <summary>A list length, refused when the bytes left could not hold that many items (no allocation bombs).</summary>
    private static int Count(BinaryReader reader, int minimumBytesEach)
    {
        var count = reader.Read7BitEncodedInt();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * minimumBytesEach > left) throw new InvalidDataException($"A journal record claims {count} items in {left} bytes.");
        return count;
    }

    internal static DateTimeOffset ReadTime(BinaryReader reader) => new(reader.ReadInt64(), TimeSpan.Zero);

    internal static void WriteOptional(BinaryWriter writer, string? value)
    {
        if (value is null)
        {
            writer.Write7BitEncodedInt(0);
            return;
        }
        var bytes = StrictUtf8.GetBytes(value);
        writer.Write7BitEncodedInt(bytes.Length + 1);
        writer.Write(bytes);
    }

    internal static string? ReadOptional(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        if (length == 0) return null;
        if (length < 0 || length - 1 > reader.BaseStream.Length - reader.BaseStream.Position) throw new EndOfStreamException();
        var bytes = reader.ReadBytes(length - 1);
        return StrictUtf8.GetString(bytes);
    }

    private static int PostingsSize(IReadOnlyList<LedgerPosting> postings)
    {
        var size = VarintSize((ulong)postings.Count);
        foreach (var p in postings) size += StringSize(p.DebitAccount) + StringSize(p.CreditAccount) + VarintSize((ulong)p.Amount) + StringSize(p.Code);
        return size;
    }

    private static int StringSize(string value)
    {
        var bytes = StrictUtf8.GetByteCount(value);
        return VarintSize((ulong)bytes) + bytes;
    }

    private static int OptionalStringSize(string? value)
    {
        if (value is null) return 1;
        var bytes = StrictUtf8.GetByteCount(value);
        return VarintSize((ulong)bytes + 1) + bytes;
    }

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }
}
