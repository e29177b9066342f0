using Microsoft.Extensions.Logging;

namespace OpenLedger.Actors.Grains.Hosting;

/// <summary>
/// Tells every active silo something (through its grain service), each within a timeout. Never throws: a silo that does
/// not hear it is logged, and its own snapshot re-checks within its refresh interval.
/// </summary>
public static class EverySilo
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task AnnounceAsync(IGrainFactory grains, Func<SiloAddress, Task> tell, ILogger logger, string what)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            await Task.WhenAll(hosts.Keys.Select(async silo =>
            {
                try
                {
                    await tell(silo).WaitAsync(Timeout);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Silo {Silo} did not hear {What}; it re-checks within its refresh interval", silo, what);
                }
            }));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "{What} could not be announced; silos re-check within their refresh interval", what);
        }
    }
}
