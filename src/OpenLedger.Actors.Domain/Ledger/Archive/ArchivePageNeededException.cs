namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// The pages of archived runs that are in memory now. The domain never waits for storage: a lookup that needs a page
/// that is not here throws <see cref="ArchivePageNeededException"/>, before changing anything, and its caller loads
/// the page and asks again.
/// </summary>
public interface IArchivePages
{
    byte[]? TryGet(string key);
}

/// <summary>A lookup needs the archived page <see cref="Key"/>, which is not in memory; nothing was changed.</summary>
public sealed class ArchivePageNeededException(string key) : Exception($"Archived page {key} is not in memory.")
{
    public string Key { get; } = key;
}
