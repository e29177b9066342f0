using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>Edits a ledger journal entity in Azure Table storage directly, as an attacker or a botched restore would.</summary>
internal static class JournalEntities
{
    /// <summary>The stored record is Orleans' JSON of <c>JournalSegment</c> in the binary "Data" property; edits its payload and hash.</summary>
    public static async Task EditAsync(TableClient table, TableEntity entity, Func<byte[], string, (byte[] Payload, string Hash)> edit)
    {
        var json = JsonNode.Parse(entity.GetBinary("Data"))!.AsObject();
        var payloadNode = json["Payload"] is JsonObject wrapped ? wrapped : json;
        var key = payloadNode == json ? "Payload" : "$value";
        var (payload, hash) = edit(Convert.FromBase64String(payloadNode[key]!.GetValue<string>()), json["Hash"]!.GetValue<string>());
        payloadNode[key] = Convert.ToBase64String(payload);
        json["Hash"] = hash;
        entity["Data"] = Encoding.UTF8.GetBytes(json.ToJsonString());
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
    }

    /// <summary>Flips one bit in the middle of the record's payload, keeping its stored checksum.</summary>
    public static (byte[] Payload, string Hash) FlipMiddleByte(byte[] payload, string hash)
    {
        payload[payload.Length / 2] ^= 1;
        return (payload, hash);
    }
}
