namespace OpenLedger.Actors.Domain.Claims;

/// <summary>
/// What an account owner signs to claim: move <paramref name="Amount"/> micro-units out of
/// <paramref name="Account"/> on ledger <paramref name="Ledger"/> to <paramref name="Destination"/>, once,
/// under <paramref name="ClaimId"/>. Every field is signed, so a signature cannot be replayed for another
/// claim id, amount, account, ledger or destination.
/// </summary>
public sealed record ClaimMessage(string Ledger, string ClaimId, string Account, long Amount, string Destination);
