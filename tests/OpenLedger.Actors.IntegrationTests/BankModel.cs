using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The bank test's independent record of what the ledger acknowledged: every acknowledged transfer once,
/// and the balance change it implies per account. Knows nothing of the ledger's code.
/// </summary>
internal sealed class BankModel
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _deltas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<TransferPosting>> _acknowledged = new(StringComparer.Ordinal);

    public void Acknowledge(string transferId, IReadOnlyList<TransferPosting> postings)
    {
        lock (_gate)
        {
            if (!_acknowledged.TryAdd(transferId, postings))
                throw new InvalidOperationException($"Transfer {transferId} was acknowledged as new twice.");
            foreach (var p in postings)
            {
                _deltas[p.DebitAccount] = _deltas.GetValueOrDefault(p.DebitAccount) - p.Amount;
                _deltas[p.CreditAccount] = _deltas.GetValueOrDefault(p.CreditAccount) + p.Amount;
            }
        }
    }

    public int AcknowledgedCount { get { lock (_gate) return _acknowledged.Count; } }

    public long Delta(string account) { lock (_gate) return _deltas.GetValueOrDefault(account); }

    public IReadOnlyCollection<string> Accounts { get { lock (_gate) return _deltas.Keys.ToList(); } }

    public long PostingCount { get { lock (_gate) return _acknowledged.Values.Sum(p => (long)p.Count); } }

    /// <summary>
    /// How many credit deliveries the acknowledged transfers imply over partitions: a transfer applies where its
    /// debited (else its first credited) account is held, and each other partition holding one of its credited
    /// accounts receives its credits there once, as one transfer. <paramref name="holder"/> names an account's
    /// partition (null: held everywhere).
    /// </summary>
    public long Deliveries(Func<string, int?> holder)
    {
        lock (_gate)
        {
            long deliveries = 0;
            foreach (var postings in _acknowledged.Values.Where(p => p.Count > 0))
            {
                var source = postings.Select(p => holder(p.DebitAccount)).FirstOrDefault(h => h is not null)
                    ?? postings.Select(p => holder(p.CreditAccount)).First(h => h is not null);
                deliveries += postings.Select(p => holder(p.CreditAccount)).Where(h => h is not null && h != source).Distinct().Count();
            }
            return deliveries;
        }
    }
}
