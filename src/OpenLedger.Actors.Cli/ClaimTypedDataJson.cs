using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using OpenLedger.Actors.Domain.Claims;

namespace OpenLedger.Actors.Cli;

/// <summary>
/// A claim's EIP-712 typed data as the JSON of <c>eth_signTypedData_v4</c> — <c>{types: {EIP712Domain, Claim}, primaryType,
/// domain, message}</c> — which wallet tools sign as it is (Foundry <c>cast wallet sign --data --from-file</c>, ethers
/// <c>signTypedData(domain, {Claim: types.Claim}, message)</c>, MetaMask). Written from <see cref="ClaimTypedData.Build"/>,
/// the very object the ledger verifies against, so the two cannot drift apart. <c>uint256</c> values are decimal strings
/// (JavaScript numbers lose digits above 2^53) except the domain's <c>chainId</c>, a number as wallets expect it.
/// </summary>
internal static class ClaimTypedDataJson
{
    public static JsonObject Of(ClaimMessage claim, long chainId)
    {
        var typed = ClaimTypedData.Build(claim, chainId);
        var types = new JsonObject();
        foreach (var (name, members) in typed.Types)
            types[name] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["type"] = m.Type })]);
        var domainMembers = typed.Types["EIP712Domain"];
        var domain = new JsonObject();
        for (var i = 0; i < domainMembers.Length; i++)
            domain[domainMembers[i].Name] = domainMembers[i].Name == "chainId" ? (long)(BigInteger)typed.DomainRawValues[i].Value : Value(typed.DomainRawValues[i].Value);
        var messageMembers = typed.Types[typed.PrimaryType];
        var message = new JsonObject();
        for (var i = 0; i < messageMembers.Length; i++) message[messageMembers[i].Name] = Value(typed.Message[i].Value);
        return new JsonObject { ["types"] = types, ["primaryType"] = typed.PrimaryType, ["domain"] = domain, ["message"] = message };
    }

    private static JsonNode? Value(object value) => value switch
    {
        BigInteger number => number.ToString(CultureInfo.InvariantCulture),
        string text => text,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
