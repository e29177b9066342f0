using OpenLedger.Actors.TestSupport;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>Whether the Azurite cases can run: Azurite (OPENLEDGER_AZURITE, else development storage) must be listening.</summary>
internal static class AzuriteAvailability
{
    /// <summary>Null when Azurite answers; otherwise why the Azurite cases are skipped.</summary>
    public static async Task<string?> WhyUnavailableAsync()
    {
        try
        {
            await AzuriteEnvironment.RequireRunningAsync();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"{e.Message} Start one with silo-config/azurite.sh start, or set OPENLEDGER_AZURITE to a connection string; --storage memory runs only the memory cases.";
        }
    }
}
