using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using ContractKind = OpenLedger.Actors.Abstractions.Ledger.AccountKind;
using DomainKind = OpenLedger.Actors.Domain.Ledger.AccountKind;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>Converts between the wire contracts and the domain's writes and states.</summary>
internal static class JournalMapping
{
    public static LedgerTransfer ToDomain(TransferRequest request) => new(request.Id ?? "", ToDomain(request.Postings), request.Reference);

    public static PendingTransfer ToDomain(PendingTransferRequest request, DateTimeOffset now)
    {
        var valid = request.Timeout > TimeSpan.Zero && request.Timeout <= LedgerLimits.MaxPendingTimeout;
        return new PendingTransfer(request.Id ?? "", ToDomain(request.Postings), request.Timeout, valid ? now + request.Timeout : now, request.Reference);
    }

    public static PostPendingTransfer ToDomain(PostPendingRequest request) =>
        new(request.Id ?? "", request.PendingId ?? "", ToDomain(request.Postings), request.Reference);

    public static VoidPendingTransfer ToDomain(VoidPendingRequest request) => new(request.Id ?? "", request.PendingId ?? "");

    public static OwedCredit ToDomain(OwedCreditDelivery delivery, int toPartition) => new(delivery.TransferId, delivery.FromPartition, toPartition, ToDomain(delivery.Credits));

    public static OwedCreditDelivery ToContract(OwedCredit owed) =>
        new(owed.TransferId, owed.FromPartition, owed.Credits.Select(c => new TransferPosting(c.DebitAccount, c.CreditAccount, c.Amount, c.Code)).ToList());

    private static List<LedgerPosting> ToDomain(IReadOnlyList<TransferPosting>? postings) =>
        (postings ?? []).Select(p => p is null
            ? new LedgerPosting("", "", 0, "")
            : new LedgerPosting(p.DebitAccount ?? "", p.CreditAccount ?? "", p.Amount, p.Code ?? "")).ToList();

    public static LedgerAccount ToDomain(AccountRegistration registration, string? normalizedOwner) =>
        new(registration.Account, (DomainKind)registration.Kind, normalizedOwner, registration.CreditLimit);

    public static AccountInfo ToContract(LedgerAccount account, long balance, long statementLines, long reserved) =>
        new(account.Id, (ContractKind)account.Kind, account.OwnerAddress, account.CreditLimit, balance, statementLines, reserved);

    public static StatementEntry ToContract(StatementLine line) =>
        new(line.LineNumber, line.BatchSequence, line.CommittedAt, line.TransferId, line.Reference, line.Code, line.Counterparty, line.Amount, line.BalanceAfter);

    public static PendingTransferInfo ToContract(PendingHold hold) =>
        new(hold.Transfer.Id, (PendingTransferStatus)(int)hold.Status,
            hold.Transfer.Postings.Select(p => new TransferPosting(p.DebitAccount, p.CreditAccount, p.Amount, p.Code)).ToList(),
            hold.Transfer.ExpiresAt, hold.Transfer.Reference, hold.ResolvedBy);

    /// <summary>The contract's copy of the domain's result codes (same names and values, checked by a test).</summary>
    public static TransferResultCode ToContract(LedgerResultCode code) => (TransferResultCode)(int)code;
}
