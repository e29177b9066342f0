using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// Everything the silo has stored, as text: every grain-state entity of the table (keys, ETag, every property in
/// name order) and every artifact blob (name, length, MD5), plus what the grains answer for the given reads.
/// Two snapshots are equal only if storage is byte-identical.
/// </summary>
internal static class StorageSnapshot
{
    public static async Task<(string Text, int Entities, int Blobs)> TakeAsync(string connectionString, string table, string container, Func<Task<string>> grainReads)
    {
        var text = new StringBuilder();
        var entities = 0;
        var rows = new List<TableEntity>();
        await foreach (var entity in new TableClient(connectionString, table).QueryAsync<TableEntity>()) rows.Add(entity);
        foreach (var entity in rows.OrderBy(e => e.PartitionKey, StringComparer.Ordinal).ThenBy(e => e.RowKey, StringComparer.Ordinal))
        {
            entities++;
            text.Append("E ").Append(entity.PartitionKey).Append(" | ").Append(entity.RowKey).Append(" | ").Append(entity.ETag).Append('\n');
            foreach (var (name, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
                text.Append("  ").Append(name).Append('=').Append(value is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        var blobs = 0;
        await foreach (var blob in new BlobContainerClient(connectionString, container).GetBlobsAsync())
        {
            blobs++;
            text.Append("B ").Append(blob.Name).Append(' ').Append(blob.Properties.ContentLength).Append(' ')
                .Append(Convert.ToBase64String(blob.Properties.ContentHash ?? [])).Append(' ').Append(blob.Properties.ETag).Append('\n');
        }
        text.Append("READS\n").Append(await grainReads());
        return (text.ToString(), entities, blobs);
    }
}
