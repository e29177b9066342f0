using OpenLedger.Actors.Grains.Ledger;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>
/// What the ledger says after a case: the fees the payers were charged equal what the recipients were credited (and equal
/// the fee × the inferences run), the ledger's balances sum to 0, and nothing is left reserved.
/// </summary>
internal sealed record ConservationCheck(long Expected, long Charged, long Credited, long BalanceSum, int OpenPending, long Reserved)
{
    public bool Holds => Charged == Expected && Credited == Charged && BalanceSum == 0 && OpenPending == 0 && Reserved == 0;

    public override string ToString() =>
        $"expected {Expected}, charged {Charged}, credited {Credited}, balance sum {BalanceSum}, open reservations {OpenPending}, reserved {Reserved}";
}

/// <summary>Balances of the payers and recipients before a case's inferences, to compare with after them.</summary>
internal sealed class LedgerAudit
{
    private readonly LedgerRouter _ledger;
    private readonly IReadOnlyList<string> _payers;
    private readonly IReadOnlyList<string> _recipients;
    private readonly IReadOnlyDictionary<string, long> _before;

    private LedgerAudit(LedgerRouter ledger, IReadOnlyList<string> payers, IReadOnlyList<string> recipients, IReadOnlyDictionary<string, long> before)
    {
        _ledger = ledger;
        _payers = payers;
        _recipients = recipients;
        _before = before;
    }

    public static async Task<LedgerAudit> BeginAsync(LedgerRouter ledger, IReadOnlyList<string> payers, IReadOnlyList<string> recipients) =>
        new(ledger, payers, recipients, await ledger.GetBalancesAsync([.. payers, .. recipients]));

    public async Task<ConservationCheck> CheckAsync(long expectedCharge)
    {
        var after = await _ledger.GetBalancesAsync([.. _payers, .. _recipients]);
        var summary = await _ledger.GetSummaryAsync();
        return new ConservationCheck(expectedCharge,
            _payers.Sum(p => _before[p] - after[p]),
            _recipients.Sum(r => after[r] - _before[r]),
            summary.BalanceSum, summary.OpenPending, summary.Reserved);
    }
}
