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
            // The first sentence names the port; the rest of the test fixture's message is about ./test.sh.
            var cut = e.Message.IndexOf(" Run the tests", StringComparison.Ordinal);
            return $"{(cut > 0 ? e.Message[..cut] : e.Message)} Start one with silo-config/azurite.sh start, or set OPENLEDGER_AZURITE to a connection string; --storage memory runs only the memory cases.";
        }
    }
}
