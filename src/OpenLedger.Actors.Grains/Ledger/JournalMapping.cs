using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;
using ContractKind = OpenLedger.Actors.Abstractions.Ledger.AccountKind;
using DomainKind = OpenLedger.Actors.Domain.Ledger.AccountKind;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>Converts between the wire contracts, the domain rules and the journal records.</summary>
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

    public static LedgerAccount ToDomain(JournalAccount record) => new(record.Id, (DomainKind)record.Kind, record.OwnerAddress, record.CreditLimit);

    public static JournalAccount ToJournal(LedgerAccount account) =>
        new() { Id = account.Id, Kind = (int)account.Kind, OwnerAddress = account.OwnerAddress, CreditLimit = account.CreditLimit };

    public static LedgerAccount ToDomain(AccountRegistration registration, string? normalizedOwner) =>
        new(registration.Account, (DomainKind)registration.Kind, normalizedOwner, registration.CreditLimit);

    public static AccountInfo ToContract(LedgerAccount account, long balance, long statementLines) =>
        new(account.Id, (ContractKind)account.Kind, account.OwnerAddress, account.CreditLimit, balance, statementLines);

    public static StatementEntry ToContract(StatementLine line) =>
        new(line.LineNumber, line.BatchSequence, line.CommittedAt, line.TransferId, line.Reference, line.Code, line.Counterparty, line.Amount, line.BalanceAfter);

    public static TransferResultCode ToContract(LedgerResultCode code) => (TransferResultCode)(int)code;

    /// <summary>A generous estimate of a record's serialised size, used to keep a batch inside one table entity.</summary>
    public static int EstimatedBytes(LedgerTransfer transfer) =>
        64 + transfer.Id.Length + (transfer.Reference?.Length ?? 0)
        + transfer.Postings.Sum(p => 24 + p.DebitAccount.Length + p.CreditAccount.Length + p.Code.Length);

    public static int EstimatedBytes(LedgerAccount account) => 96 + account.Id.Length;
}
