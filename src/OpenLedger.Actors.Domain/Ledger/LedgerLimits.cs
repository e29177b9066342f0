using OpenLedger.Actors.Domain.Ledger.Journal;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// The ledger's size limits. <see cref="MaxPostingsPerTransfer"/> is chosen so that the largest transfer the system
/// allows — that many postings, every id and code at its maximum length — encodes to
/// <see cref="WorstCaseEntryBytes"/> (about 85 KiB), which fits a journal record's smallest configurable budget
/// (<see cref="MinRecordPayloadBytes"/>) with room to spare. An inference pays at most the protocol, the model
/// owner, 32 curators, 100 top-k contributors and two residual accounts (136 postings).
/// </summary>
public static class LedgerLimits
{
    public const int MaxPostingsPerTransfer = 256;

    public static readonly TimeSpan MaxPendingTimeout = TimeSpan.FromDays(1);

    /// <summary>No journal record is budgeted smaller than this, so every allowed transfer fits one record.</summary>
    public const int MinRecordPayloadBytes = 128 * 1024;

    /// <summary>The encoded size of the largest allowed write (a post of a pending transfer with every field at its maximum).</summary>
    public static int WorstCaseEntryBytes { get; } = JournalCodec.SizeOf(WorstCaseEntry());

    /// <summary>A post with every field at its maximum length: the largest entry the ledger can be asked to journal.</summary>
    public static PostPendingTransfer WorstCaseEntry()
    {
        var account = new string('a', AccountId.MaxLength);
        var id = new string('i', AccountId.MaxTransferIdLength);
        var postings = Enumerable.Range(0, MaxPostingsPerTransfer)
            .Select(_ => new LedgerPosting(account, account, long.MaxValue, new string('c', PostingCodes.MaxLength))).ToList();
        return new PostPendingTransfer(id, id, postings, id);
    }
}
