using System.Text;
using Azure.Data.Tables;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The stored size of grain-state entities in Azure Table storage, by grain type: the bytes of each entity's data
/// properties (binary length, or UTF-8 length of text) — what Orleans checks against its 983,040-byte limit.
/// </summary>
internal static class StoredEntitySizes
{
    private static readonly HashSet<string> KeyProperties = new(StringComparer.OrdinalIgnoreCase) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    public sealed record Largest(string GrainType, int Entities, long Bytes, string PartitionKey, string RowKey);

    /// <summary>For each named grain type (Orleans' type name, e.g. <c>stakingaccount</c>), how many entities this service stored and the largest.</summary>
    public static async Task<IReadOnlyDictionary<string, Largest>> MeasureAsync(string serviceId, params string[] grainTypes)
    {
        var table = new TableClient(AzuriteEnvironment.ConnectionString, "OpenLedgerTestState");
        var found = grainTypes.ToDictionary(t => t, t => new Largest(t, 0, 0, "", ""));
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            var key = entity.PartitionKey + "|" + entity.RowKey;
            if (!key.Contains(serviceId, StringComparison.Ordinal)) continue;
            var type = grainTypes.Where(t => key.Contains(t + "/", StringComparison.OrdinalIgnoreCase) || key.Contains(t + "_", StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(t => t.Length).FirstOrDefault();
            if (type is null) continue;
            long bytes = 0;
            foreach (var (name, value) in entity)
            {
                if (KeyProperties.Contains(name)) continue;
                bytes += value switch
                {
                    byte[] b => b.Length,
                    BinaryData d => d.ToMemory().Length,
                    string s => Encoding.UTF8.GetByteCount(s),
                    _ => 8,
                };
            }
            var known = found[type];
            found[type] = bytes > known.Bytes
                ? new Largest(type, known.Entities + 1, bytes, entity.PartitionKey, entity.RowKey)
                : known with { Entities = known.Entities + 1 };
        }
        return found;
    }

    /// <summary>The first few keys this service stored (to see how Orleans names them).</summary>
    public static async Task<IReadOnlyList<string>> SampleKeysAsync(string serviceId, int count)
    {
        var table = new TableClient(AzuriteEnvironment.ConnectionString, "OpenLedgerTestState");
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            var key = entity.PartitionKey + " | " + entity.RowKey + " | " + string.Join(",", entity.Keys);
            if (!key.Contains(serviceId, StringComparison.Ordinal)) continue;
            keys.Add(key);
            if (keys.Count >= count) break;
        }
        return keys;
    }
}
