namespace OpenLedger.Actors.Cli;

/// <summary>Exit codes with a meaning scripts can rely on (documented in the README, "Command line").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work could not be completed (e.g. training did not converge, an unexpected error).</summary>
    public const int Failed = 1;
    /// <summary>Bad arguments or input files, or the cluster refused the input as invalid (<c>ErrorKind.Validation</c>).</summary>
    public const int BadInput = 2;
    /// <summary>Something named does not exist: Datanet, version, model, session, row, ledger account.</summary>
    public const int NotFound = 3;
    /// <summary>The id is taken by something different (e.g. a Datanet or model created with other settings).</summary>
    public const int Conflict = 4;
    /// <summary>Not allowed: not the owner or curator, an invalid claim signature.</summary>
    public const int Forbidden = 5;
    /// <summary>The paying account cannot cover the amount.</summary>
    public const int InsufficientFunds = 6;
    /// <summary>The cluster could not be reached or stayed unavailable after the client's retries: try again later.</summary>
    public const int Unavailable = 7;

    /// <summary>A governed quota (e.g. rows per contributor per Datanet per day) would be exceeded (<c>ErrorKind.QuotaExceeded</c>); try again tomorrow.</summary>
    public const int QuotaExceeded = 8;

    /// <summary><c>verify</c>: the input was read but does not check out (a digest, proof or signature mismatch).</summary>
    public const int Mismatch = 9;
}
