using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>Converts transfers between the wire contract, the domain rules and the journal records.</summary>
internal static class JournalMapping
{
    public static LedgerTransfer ToDomain(TransferRequest request) =>
        new(request.Id ?? "", (request.Postings ?? []).Select(p => p is null
                ? new LedgerPosting("", "", 0, "")
                : new LedgerPosting(p.DebitAccount ?? "", p.CreditAccount ?? "", p.Amount, p.Code ?? "")).ToList(),
            request.Reference);

    public static LedgerTransfer ToDomain(JournalTransfer record) =>
        new(record.Id, record.Postings.Select(p => new LedgerPosting(p.Debit, p.Credit, p.Amount, p.Code)).ToList(), record.Reference);

    public static JournalTransfer ToJournal(LedgerTransfer transfer) => new()
    {
        Id = transfer.Id,
        Reference = transfer.Reference,
        Postings = transfer.Postings.Select(p => new JournalPosting { Debit = p.DebitAccount, Credit = p.CreditAccount, Amount = p.Amount, Code = p.Code }).ToList(),
    };

    public static TransferResultCode ToContract(LedgerResultCode code) => (TransferResultCode)(int)code;
}
