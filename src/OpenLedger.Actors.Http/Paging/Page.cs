namespace OpenLedger.Actors.Http.Paging;

/// <summary>One page of a list. Pass <paramref name="NextCursor"/> back as <c>cursor</c> for the next page; null at the end.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
