namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// Cuts a document into the passages a sentence embedder reads: whitespace collapsed to single spaces, then consecutive
/// pieces of at most <c>maxCharacters</c> characters, each ending at a word boundary when one falls in its second half
/// (a longer word is cut at the limit), at most <c>maxPassages</c> of them from the start. The first passage is the
/// text a single-window embedder reads of the whole document, so one passage per document is the old behaviour.
/// </summary>
public static class PassageSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxCharacters, int maxPassages)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPassages, 1);
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var passages = new List<string>();
        var start = 0;
        while (start < collapsed.Length && passages.Count < maxPassages)
        {
            var remaining = collapsed.Length - start;
            if (remaining <= maxCharacters)
            {
                passages.Add(collapsed[start..]);
                break;
            }
            var space = collapsed.LastIndexOf(' ', start + maxCharacters, maxCharacters + 1);
            var end = space - start > maxCharacters / 2 ? space : start + maxCharacters;
            passages.Add(collapsed[start..end]);
            start = end < collapsed.Length && collapsed[end] == ' ' ? end + 1 : end;
        }
        if (passages.Count == 0) passages.Add(string.Empty); // an empty document still has its one (empty) passage
        return passages;
    }
}
