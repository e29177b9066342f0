using Azure.Data.Tables;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Removes a test service's rows from a shared Azurite table once the test is done. Azurite keeps every table in one
/// JSON document that it rewrites as it changes, so megabytes of journal records left behind slow every later test.
/// </summary>
internal static class AzuriteRows
{
    /// <summary>Deletes the rows Orleans stored for <paramref name="serviceId"/> (its partition keys start with it); returns how many.</summary>
    public static async Task<int> DeleteServiceAsync(string table, string serviceId)
    {
        var client = new TableServiceClient(AzuriteEnvironment.ConnectionString).GetTableClient(table);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {serviceId} and PartitionKey lt {serviceId + "~"}");
        var deleted = 0;
        await foreach (var row in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
        {
            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            deleted++;
        }
        return deleted;
    }
}
