using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenLedger.Actors.Grains.Security;

namespace OpenLedger.Actors.TestSupport;

/// <summary>
/// Simulated time for a test cluster: the grains' <see cref="TimeProvider"/> is a <see cref="FakeTimeProvider"/> that
/// starts at the real present and moves only when the test advances it, so a voting period, timelock or expiry
/// passes at once instead of being slept through. The internal-call proofs keep the real clock: the client signs
/// with the process's real time (<see cref="InternalCallProof.ThisProcess"/>), and the silos must check against the same.
/// Call before <c>AddOpenLedger</c> (it only adds what is not registered yet).
/// </summary>
public static class SimulatedTime
{
    /// <summary>A fake clock at the real present (the ledger's and governance's timestamps stay plausible).</summary>
    public static FakeTimeProvider StartingNow() => new(DateTimeOffset.UtcNow);

    public static ISiloBuilder UseSimulatedTime(this ISiloBuilder silo, FakeTimeProvider clock)
    {
        silo.Services.AddSingleton<TimeProvider>(clock);
        silo.Services.AddSingleton(sp => InternalCallProof.From(sp.GetRequiredService<IOptions<InternalCallOptions>>().Value, TimeProvider.System));
        return silo;
    }
}
