using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OpenLedger.Actors.Http.Auth;

/// <summary>
/// Counts failed authentications per client address in fixed windows. A client that has used up its failures is
/// refused (429) on every request that carries a key until the window ends, before the key is even looked at — so
/// guessing keys costs the guesser time, not the server storage reads.
/// </summary>
public sealed class AuthFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _failures;

    public AuthFailureLimiter(IOptions<OpenLedgerApiOptions> options)
    {
        var (permits, window) = (options.Value.AuthFailurePermits, options.Value.AuthFailureWindow);
        _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
        Window = window;
    }

    public TimeSpan Window { get; }

    /// <summary>Whether this address has no failures left in the current window.</summary>
    public bool IsBlocked(IPAddress? address) => _failures.GetStatistics(address ?? IPAddress.None)?.CurrentAvailablePermits <= 0;

    /// <summary>Records a failure; false when it was one too many.</summary>
    public bool RecordFailure(IPAddress? address)
    {
        using var lease = _failures.AttemptAcquire(address ?? IPAddress.None);
        return lease.IsAcquired;
    }

    public void Dispose() => _failures.Dispose();
}
