namespace OpenLedger.Actors.Http.Idempotency;

/// <summary>
/// A response holding a secret that must not be kept at rest (a freshly issued API key): the idempotency record
/// stores, and a replay returns, <see cref="RedactForReplay"/> instead.
/// </summary>
public interface IReplayRedactable
{
    object RedactForReplay();
}
