namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// The ledger's rules, with no storage: accounts, posted balances in integer micro-units and the transfers applied.
/// Invariants kept by <see cref="Apply"/> and <see cref="Open"/>:
/// <list type="bullet">
/// <item>every transfer is double-entry, so the sum of all balances is always 0;</item>
/// <item>a transfer is applied at most once per id, atomically (all postings or none);</item>
/// <item>no account goes below minus its credit limit (0 unless registered otherwise); only the system's
/// external funding accounts (<paramref name="isExternal"/>) are unbounded, since their debit is money entering;</item>
/// <item>a posting may only debit an account that exists (registered, or created by an earlier credit);</item>
/// <item>a rejected transfer or registration changes nothing.</item>
/// </list>
/// </summary>
public sealed class LedgerBook(Func<string, bool> isExternal)
{
    public const int MaxPostingsPerTransfer = 1_000;

    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _appliedFingerprints = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Balances => _balances;
    public IReadOnlyDictionary<string, LedgerAccount> Accounts => _accounts;
    public int TransferCount => _appliedFingerprints.Count;

    public long Balance(string account) => _balances.GetValueOrDefault(account);

    public LedgerAccount? Account(string account) => _accounts.GetValueOrDefault(account);

    public bool Contains(string transferId) => _appliedFingerprints.ContainsKey(transferId);

    /// <summary>
    /// Registers an account. The same registration again is <see cref="LedgerResultCode.Exists"/>; a different one
    /// for a registered id is <see cref="LedgerResultCode.ExistsWithDifferentAccount"/>. An account created by a
    /// credit (<see cref="AccountKind.Implicit"/>) can be registered once, keeping its balance.
    /// </summary>
    public LedgerResultCode Open(LedgerAccount account)
    {
        var code = CheckOpen(account);
        if (code == LedgerResultCode.Ok) _accounts[account.Id] = account;
        return code;
    }

    public LedgerResultCode CheckOpen(LedgerAccount account)
    {
        if (string.IsNullOrWhiteSpace(account.Id) || isExternal(account.Id)) return LedgerResultCode.AccountMissing;
        if (account.Kind == AccountKind.Implicit || !Enum.IsDefined(account.Kind) || account.CreditLimit < 0) return LedgerResultCode.InvalidAccount;
        if (_accounts.TryGetValue(account.Id, out var existing) && existing.Kind != AccountKind.Implicit)
            return existing == account ? LedgerResultCode.Exists : LedgerResultCode.ExistsWithDifferentAccount;
        return LedgerResultCode.Ok;
    }

    /// <summary>Checks a transfer against the rules and, when it passes, applies it.</summary>
    public LedgerResultCode Apply(LedgerTransfer transfer)
    {
        var code = Check(transfer, out var fingerprint, out var netChanges);
        if (code != LedgerResultCode.Ok) return code;
        foreach (var (account, delta) in netChanges)
        {
            _balances[account] = checked(Balance(account) + delta);
            if (!isExternal(account)) _accounts.TryAdd(account, LedgerAccount.ImplicitFor(account));
        }
        _appliedFingerprints.Add(transfer.Id, fingerprint);
        return LedgerResultCode.Ok;
    }

    /// <summary>What <see cref="Apply"/> would answer, without applying.</summary>
    public LedgerResultCode Check(LedgerTransfer transfer) => Check(transfer, out _, out _);

    private LedgerResultCode Check(LedgerTransfer transfer, out string fingerprint, out Dictionary<string, long> netChanges)
    {
        fingerprint = string.Empty;
        netChanges = new Dictionary<string, long>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(transfer.Id)) return LedgerResultCode.IdMissing;
        if (transfer.Postings is null || transfer.Postings.Count == 0) return LedgerResultCode.NoPostings;
        if (transfer.Postings.Count > MaxPostingsPerTransfer) return LedgerResultCode.TooManyPostings;
        foreach (var p in transfer.Postings)
        {
            if (string.IsNullOrWhiteSpace(p.DebitAccount) || string.IsNullOrWhiteSpace(p.CreditAccount)) return LedgerResultCode.AccountMissing;
            if (p.Amount <= 0) return LedgerResultCode.AmountMustBePositive;
            if (string.Equals(p.DebitAccount, p.CreditAccount, StringComparison.Ordinal)) return LedgerResultCode.SameDebitAndCredit;
        }
        fingerprint = transfer.Fingerprint();
        if (_appliedFingerprints.TryGetValue(transfer.Id, out var existing))
            return existing == fingerprint ? LedgerResultCode.Exists : LedgerResultCode.ExistsWithDifferentPostings;
        foreach (var p in transfer.Postings)
        {
            if (!isExternal(p.DebitAccount) && !_accounts.ContainsKey(p.DebitAccount)) return LedgerResultCode.AccountNotFound;
        }
        try
        {
            foreach (var p in transfer.Postings)
            {
                netChanges[p.DebitAccount] = checked(netChanges.GetValueOrDefault(p.DebitAccount) - p.Amount);
                netChanges[p.CreditAccount] = checked(netChanges.GetValueOrDefault(p.CreditAccount) + p.Amount);
            }
            foreach (var (account, delta) in netChanges)
            {
                var after = checked(Balance(account) + delta);
                if (delta < 0 && !isExternal(account) && after < -(_accounts.GetValueOrDefault(account)?.CreditLimit ?? 0))
                    return LedgerResultCode.InsufficientFunds;
            }
        }
        catch (OverflowException)
        {
            return LedgerResultCode.BalanceOverflow;
        }
        return LedgerResultCode.Ok;
    }
}
