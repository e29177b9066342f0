namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// Moves <paramref name="Amount"/> micro-units out of <paramref name="Account"/> to <paramref name="Destination"/>
/// (an Ethereum address), once per <paramref name="ClaimId"/>. <paramref name="Signature"/> is the account owner's
/// EIP-712 signature (<c>eth_signTypedData_v4</c>, 65 bytes hex) over the claim as described by
/// <see cref="ClaimDomain"/>: <c>Claim(string ledger,string claimId,string account,uint256 amount,address destination)</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.claim-request")]
public sealed record ClaimRequest(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] string Account,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Destination,
    [property: Id(4)] string Signature);
