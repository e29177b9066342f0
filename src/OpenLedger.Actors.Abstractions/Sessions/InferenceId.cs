using System.Diagnostics.CodeAnalysis;

namespace OpenLedger.Actors.Abstractions.Sessions;

/// <summary>
/// An inference's identity: the session it runs in and the caller's idempotency key there. Written
/// <c>{session}|{key}</c> — the inference grain's key, <see cref="InferenceResult.InferenceId"/>, and the reference
/// on its ledger lines. '|' cannot occur in session ids or keys (they are identifiers) and, unlike '/', is kept as-is
/// by Azure Table key sanitising, so distinct pairs never share a storage entity. The ledger ids the inference's
/// fee moves under are derived from it here, so every place names them alike.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.inference-id")]
public readonly record struct InferenceId([property: Id(0)] string SessionId, [property: Id(1)] string IdempotencyKey)
{
    public const char Separator = '|';

    /// <summary>Ledger transfer ids of an inference's fee start with this (<c>inference:{session}|{key}</c>).</summary>
    public const string TransferPrefix = "inference:";

    /// <summary>
    /// The account every fee reservation names as its credit. It is never credited: the post pays the split straight
    /// from the payer's reserved funds and releases the rest, a void or an expiry releases it all.
    /// </summary>
    public const string ReservationAccount = "protocol:inference-reservations";

    /// <summary>The transfer that pays the fee's split (phase two of the reservation).</summary>
    public string TransferId => TransferPrefix + this;

    /// <summary>The pending transfer that reserves the fee before any attribution work (phase one).</summary>
    public string ReservationId => $"inference-reserve:{this}";

    /// <summary>The void that releases the reservation when the inference cannot complete.</summary>
    public string VoidId => $"inference-void:{this}";

    public override string ToString() => $"{SessionId}{Separator}{IdempotencyKey}";

    /// <summary>
    /// Reads <c>{session}|{key}</c>: both parts non-empty and one separator. It checks the shape only; callers validate
    /// the parts as identifiers where input comes from outside.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out InferenceId id)
    {
        id = default;
        if (text is null) return false;
        var separator = text.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1 || text.IndexOf(Separator, separator + 1) >= 0) return false;
        id = new InferenceId(text[..separator], text[(separator + 1)..]);
        return true;
    }

    /// <summary>
    /// Reads what a statement line shows for an inference: its fee transfer id <c>inference:{session}|{key}</c> or its
    /// reference <c>{session}|{key}</c>. (A session id may itself start with <c>inference:</c>; such an inference is
    /// named here by its transfer id.)
    /// </summary>
    public static bool TryParseTransferOrId([NotNullWhen(true)] string? text, out InferenceId id) =>
        TryParse(text is not null && text.StartsWith(TransferPrefix, StringComparison.Ordinal) ? text[TransferPrefix.Length..] : text, out id);

    /// <summary>As <see cref="TryParse"/>, for keys the system made itself (an inference grain's own key).</summary>
    public static InferenceId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an inference id ('{{session}}|{{idempotency key}}').");
}
