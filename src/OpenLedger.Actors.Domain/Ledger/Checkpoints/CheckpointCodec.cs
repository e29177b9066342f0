using OpenLedger.Actors.Domain.Ledger.Journal;

namespace OpenLedger.Actors.Domain.Ledger.Checkpoints;

/// <summary>
/// The checkpoint format (version 2), in the journal's primitives (<see cref="JournalCodec"/>: str, optstr, varint,
/// time; i64 is little-endian):
/// <code>
/// manifest := version:u8(=2) position:varint headHash:32 takenAt:time transfers:varint postings:varint
///             (section:u8 entries:varint (key:32 items:varint)*)*          sections in CheckpointSection order
/// page     := version:u8(=2) section:u8 count:varint item*                  (accounts and open pending transfers)
/// account  := id:str flags:u8(1 = balance, 2 = registration, 4 = lines) [balance:i64]
///             [kind:u8 owner:optstr creditLimit:varint] [lines:varint]
/// hold     := status:u8 resolvedBy:optstr pending           (pending: the journal's entry, tag 3 included)
/// </code>
/// Accounts and open pending transfers are pages, written whole by each checkpoint. The append-only sections (ids,
/// ended pending transfers, statement lines) are sorted runs: their manifest entries name run summaries, whose format
/// is <see cref="Archive.ArchiveRunCodec"/>'s. Pages are cut once they pass <see cref="MaxPageBytes"/> (so a page is at
/// most that plus one item: ≤ 256 KiB plus the largest pending transfer, about 85 KiB). Keys are SHA-256 of the bytes,
/// so a checkpoint is verified by reading.
/// </summary>
public static class CheckpointCodec
{
    public const byte FormatVersion = 2;

    /// <summary>A page is closed once it holds this many bytes of items.</summary>
    public const int MaxPageBytes = 256 * 1024;

    private const byte HasBalance = 1, HasRegistration = 2, HasLines = 4;

    public static List<byte[]> EncodeAccounts(IReadOnlyList<AccountSnapshot> accounts) => EncodePages(CheckpointSection.Accounts, accounts, (writer, a) =>
    {
        writer.Write(a.Id);
        writer.Write((byte)((a.Balance is null ? 0 : HasBalance) | (a.Registration is null ? 0 : HasRegistration) | (a.Lines == 0 ? 0 : HasLines)));
        if (a.Balance is { } balance) writer.Write(balance);
        if (a.Registration is { } r)
        {
            writer.Write(checked((byte)r.Kind));
            JournalCodec.WriteOptional(writer, r.OwnerAddress);
            writer.Write7BitEncodedInt64(r.CreditLimit);
        }
        if (a.Lines != 0) writer.Write7BitEncodedInt64(a.Lines);
    });

    public static List<byte[]> EncodeHolds(CheckpointSection section, IReadOnlyList<HoldSnapshot> holds) => EncodePages(section, holds, (writer, h) =>
    {
        writer.Write((byte)h.Status);
        JournalCodec.WriteOptional(writer, h.ResolvedBy);
        JournalCodec.WriteEntry(writer, h.Transfer);
    });

    public static byte[] EncodeManifest(CheckpointManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, JournalCodec.StrictUtf8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write7BitEncodedInt64(manifest.Position);
            writer.Write(Convert.FromHexString(manifest.HeadHash));
            writer.Write(manifest.TakenAt.UtcTicks);
            writer.Write7BitEncodedInt64(manifest.TransferCount);
            writer.Write7BitEncodedInt64(manifest.PostingCount);
            foreach (var section in Enum.GetValues<CheckpointSection>())
            {
                var pages = manifest.Pages(section);
                writer.Write((byte)section);
                writer.Write7BitEncodedInt(pages.Count);
                foreach (var page in pages)
                {
                    writer.Write(Convert.FromHexString(page.Key));
                    writer.Write7BitEncodedInt(page.Items);
                }
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes a manifest; anything malformed is an <see cref="InvalidDataException"/>.</summary>
    public static CheckpointManifest DecodeManifest(byte[] bytes) => Decoding(() =>
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), JournalCodec.StrictUtf8);
        if (reader.ReadByte() is var version && version != FormatVersion) throw new InvalidDataException($"Unknown checkpoint format {version}.");
        var position = reader.Read7BitEncodedInt64();
        var head = ReadHash(reader);
        var takenAt = JournalCodec.ReadTime(reader);
        var transfers = reader.Read7BitEncodedInt64();
        var postings = reader.Read7BitEncodedInt64();
        var sections = new Dictionary<CheckpointSection, IReadOnlyList<CheckpointPage>>();
        foreach (var section in Enum.GetValues<CheckpointSection>())
        {
            if ((CheckpointSection)reader.ReadByte() != section) throw new InvalidDataException($"The checkpoint's section {section} is out of place.");
            var count = reader.Read7BitEncodedInt();
            if (count < 0 || (long)count * 33 > bytes.Length) throw new InvalidDataException($"The checkpoint claims {count} pages of {section}.");
            var pages = new List<CheckpointPage>(count);
            for (var i = 0; i < count; i++) pages.Add(new CheckpointPage(ReadHash(reader), reader.Read7BitEncodedInt()));
            sections[section] = pages;
        }
        if (reader.BaseStream.Position != bytes.Length) throw new InvalidDataException("The checkpoint has bytes after its last section.");
        return new CheckpointManifest(position, head, takenAt, transfers, postings, sections);
    });

    /// <summary>
    /// Decodes one page of <paramref name="section"/> into <paramref name="target"/>; returns how many items it held.
    /// Anything malformed, or an item the target refuses (a duplicate id, a line out of order), is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static int DecodePage(byte[] page, CheckpointSection section, CheckpointRestore target) => Decoding(() =>
    {
        using var reader = new BinaryReader(new MemoryStream(page, writable: false), JournalCodec.StrictUtf8);
        if (reader.ReadByte() is var version && version != FormatVersion) throw new InvalidDataException($"Unknown checkpoint page format {version}.");
        if ((CheckpointSection)reader.ReadByte() is var actual && actual != section) throw new InvalidDataException($"A page of {actual} is listed under {section}.");
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > page.Length) throw new InvalidDataException($"A checkpoint page claims {count} items in {page.Length} bytes.");
        for (var i = 0; i < count; i++)
        {
            switch (section)
            {
                case CheckpointSection.Accounts:
                {
                    var id = target.Pool(reader.ReadString());
                    var flags = reader.ReadByte();
                    long? balance = (flags & HasBalance) != 0 ? reader.ReadInt64() : null;
                    LedgerAccount? registration = null;
                    if ((flags & HasRegistration) != 0)
                    {
                        var kind = (AccountKind)reader.ReadByte();
                        registration = new LedgerAccount(id, kind, JournalCodec.ReadOptional(reader), reader.Read7BitEncodedInt64());
                    }
                    var lines = (flags & HasLines) != 0 ? reader.Read7BitEncodedInt64() : 0;
                    if (lines < 0 || (flags & ~(HasBalance | HasRegistration | HasLines)) != 0) throw new InvalidDataException($"Account {id} has flags {flags} and {lines} lines.");
                    target.Account(id, balance, registration, lines);
                    break;
                }
                case CheckpointSection.OpenHolds:
                {
                    var status = (PendingStatus)reader.ReadByte();
                    var resolvedBy = JournalCodec.ReadOptional(reader);
                    if (JournalCodec.ReadEntry(reader) is not PendingTransfer transfer) throw new InvalidDataException("A checkpoint's pending transfer is not one.");
                    if (!Enum.IsDefined(status) || (status == PendingStatus.Pending) != (section == CheckpointSection.OpenHolds))
                        throw new InvalidDataException($"Pending transfer {transfer.Id} is {status} in the section of {section}.");
                    target.Hold(transfer, status, resolvedBy);
                    break;
                }
                default:
                    throw new InvalidDataException($"Checkpoint section {section} is stored as runs, not pages.");
            }
        }
        if (reader.BaseStream.Position != page.Length) throw new InvalidDataException("A checkpoint page has bytes after its last item.");
        return count;
    });

    private static List<byte[]> EncodePages<T>(CheckpointSection section, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        var pages = new List<byte[]>();
        using var body = new MemoryStream();
        using var writer = new BinaryWriter(body, JournalCodec.StrictUtf8, leaveOpen: true);
        var count = 0;
        foreach (var item in items)
        {
            write(writer, item);
            count++;
            if (body.Length >= MaxPageBytes) Close();
        }
        if (count > 0) Close();
        return pages;

        void Close()
        {
            writer.Flush();
            using var page = new MemoryStream((int)body.Length + 8);
            using (var header = new BinaryWriter(page, JournalCodec.StrictUtf8, leaveOpen: true))
            {
                header.Write(FormatVersion);
                header.Write((byte)section);
                header.Write7BitEncodedInt(count);
            }
            body.Position = 0;
            body.CopyTo(page);
            pages.Add(page.ToArray());
            body.SetLength(0);
            count = 0;
        }
    }

    /// <summary>How many items a page holds (from its header).</summary>
    public static int ItemCount(byte[] page)
    {
        using var reader = new BinaryReader(new MemoryStream(page, 2, page.Length - 2, writable: false));
        return reader.Read7BitEncodedInt();
    }

    private static string ReadHash(BinaryReader reader)
    {
        var bytes = reader.ReadBytes(JournalCodec.HashBytes);
        if (bytes.Length != JournalCodec.HashBytes) throw new EndOfStreamException();
        return Convert.ToHexStringLower(bytes);
    }

    private static T Decoding<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"A checkpoint does not decode: {e.Message}", e);
        }
    }
}
